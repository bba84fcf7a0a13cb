{#
    Each foreign key of a model names an existing row of its parent, checked in one test node
    per model (a relationships test per column cost dbt a node each):

      keys: [{column: customer_id, to: customers, field: id}, ...]

    `to` is the parent model or seed (its ref name). As with dbt's relationships test, a null
    key is not checked. Returns one row per key with orphans: the column, the parent and how
    many rows name no parent row.
#}
{% test references(model, keys) %}

    with orphans as (
        {%- for key in keys %}

        select
            '{{ key.column }}' as column_name,
            '{{ key.to }}' as parent,
            count(*) as orphan_rows
        from {{ model }} as child
        where
            child.{{ key.column }} is not null
            and not exists (
                select 1
                from {{ ref(key.to) }} as parent
                where parent.{{ key.field }} = child.{{ key.column }}
            )
        {%- if not loop.last %}

        union all
        {%- endif %}
        {%- endfor %}

    )

    select
        column_name,
        parent,
        orphan_rows
    from orphans
    where orphan_rows > 0

{% endtest %}
