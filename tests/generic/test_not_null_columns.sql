{#
    Every one of `columns` has a value on every row of `model`: one scan for all of a model's
    required columns, where a not_null test per column costs dbt a node and a scan each.
    Returns one row per column that has nulls, with how many rows lack it.
#}
{% test not_null_columns(model, columns) %}

    with null_counts as (

        select
            {%- for column in columns %}
            sum(case when {{ column }} is null then 1 else 0 end) as nulls_{{ loop.index }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ model }}

    )

    {% for column in columns -%}
    select
        '{{ column }}' as column_name,
        nulls_{{ loop.index }} as null_rows
    from null_counts
    where nulls_{{ loop.index }} > 0
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

{% endtest %}
