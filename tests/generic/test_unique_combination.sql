{#
    The combination of `columns` is unique in `model` (null values count as values).
    Returns one row per duplicated combination, with how often it occurs.
#}
{% test unique_combination(model, columns) %}

    select
        {{ columns | join(', ') }},
        count(*) as occurrences
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1

{% endtest %}
