{#
    A model's rules on its columns, checked in one test node (a test per column cost dbt a node,
    and often a scan, each: at real size that overhead was most of the tests' time):

      not_null:         [column, ...]                 every row has a value
      unique:           [column or [column, ...], ...]  each key names at most one row (a row
                                                      whose key columns are all null is not
                                                      counted: a one-column key behaves like
                                                      dbt's unique)
      accepted_values:  {column: [value, ...]}        a value, when present, is one of these

    The not_null and accepted_values rules share one scan; each unique key groups once.
    Returns one row per broken rule: the rule, its column(s) and how many rows (for a key: how
    many key values) break it.
#}
{% test column_rules(model, not_null=[], unique=[], accepted_values={}) %}

    {%- set keys = [] -%}
    {%- for key in unique -%}
        {%- do keys.append([key] if key is string else key) -%}
    {%- endfor %}

    {#- row_count keeps the select list whole for a model with only unique keys, and the
        first branch of broken_rules (never broken) gives the union its column types. #}
    with row_checks as (

        select
            count(*) as row_count
            {%- for column in not_null %},
            sum(case when {{ column }} is null then 1 else 0 end) as null_rows_{{ loop.index }}
            {%- endfor %}
            {%- for column, values in accepted_values.items() %},
            sum(case when {{ column }} not in ({{ leadhub.quoted_list(values) }}) then 1 else 0 end) as unaccepted_rows_{{ loop.index }}
            {%- endfor %}
        from {{ model }}

    ),

    {%- for key in keys %}

    duplicated_key_{{ loop.index }} as (

        select count(*) as duplicated_keys
        from (
            select {{ key | join(', ') }}
            from {{ model }}
            where {% for column in key %}{{ column }} is not null{{ ' or ' if not loop.last }}{% endfor %}
            group by {{ key | join(', ') }}
            having count(*) > 1
        ) as duplicates

    ),
    {%- endfor %}

    broken_rules as (

        select
            'row count' as rule,
            '' as column_names,
            0 as broken
        from row_checks
        {%- for column in not_null %}
        union all
        select 'not_null', '{{ column }}', null_rows_{{ loop.index }} from row_checks
        {%- endfor %}
        {%- for column in accepted_values %}
        union all
        select 'accepted_values', '{{ column }}', unaccepted_rows_{{ loop.index }} from row_checks
        {%- endfor %}
        {%- for key in keys %}
        union all
        select 'unique', '{{ key | join(", ") }}', duplicated_keys from duplicated_key_{{ loop.index }}
        {%- endfor %}

    )

    select
        rule,
        column_names,
        broken
    from broken_rules
    where broken > 0

{% endtest %}
