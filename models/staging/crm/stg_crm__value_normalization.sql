{#
    How much of each checked column staging normalized, over every base row: the values the
    export had (raw text present) and those staging turned into a typed value. The checks are
    the ones stg_crm__value_issues reports from (macros/staging/value_issues.sql), so
    present_count - normalized_count is that column's count of value issues.

    A table on Spark: its Hive metastore keeps a view's text in a column of 32,700 characters,
    and this view's SQL is longer.
#}
{{ config(materialized='table' if target.type == 'spark' else 'view') }}
with

{% for module in leadhub.value_checks() %}
    {{ module }} as (
        select * from {{ ref('base_crm__' ~ module) }}
    ),

{% endfor -%}

counts as (
    {{ leadhub.union_value_checks(leadhub.value_counts) }}
),

final as (
    select
        module,
        column_name,
        value_kind,
        cast(present_count as bigint) as present_count,
        cast(present_count - failed_count as bigint) as normalized_count
    from counts
)

select * from final
