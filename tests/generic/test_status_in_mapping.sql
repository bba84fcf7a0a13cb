{#
    status_in_mapping(model, column_name, module): every non-null status of the column is a
    canonical status seeds/status_mappings.csv gives for `module`: accepted values that come
    from the mapping a person edits rather than a list repeated in yml. Returns the rows with
    any other value.
#}
{% test status_in_mapping(model, column_name, module) %}

    select {{ column_name }}
    from {{ model }}
    where
        {{ column_name }} is not null
        and {{ column_name }} not in (
            select status from {{ ref('status_mappings') }}
            where module = '{{ module }}'
        )

{% endtest %}
