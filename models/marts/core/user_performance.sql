{#
    The phone system's per-user statistics: one row per user and report period (from the
    file name, when it states one), linked to its sales person.
    The phone system lists people the CRM does not have: those are orphans with a null
    sales_person_id and their closest candidates listed.
#}
{{
    config(indexes=leadhub.postgres_indexes([
        ['sales_person_id'],
    ]))
}}

with

user_performance as (
    select * from {{ ref('stg_crm__user_performance') }}
),

performance_sales_persons as (
    select * from {{ ref('int_performance_sales_persons') }}
),

final as (
    select
        {{ leadhub.mart_id('user_performance', 'user_performance.user_key', 'user_performance.company') }} as id,
        user_performance.company,
        performance_sales_persons.sales_person_id,
        user_performance.user_name as name,  -- noqa: RF04
        performance_sales_persons.resolution as sales_person_resolution,
        performance_sales_persons.is_orphan,
        performance_sales_persons.closest_candidates,
        user_performance.user_status,
        user_performance.total_calls,
        user_performance.avg_calls_per_day,
        user_performance.inbound_calls,
        user_performance.outbound_calls,
        user_performance.missed_pct,
        user_performance.avg_handle_time_seconds,
        user_performance.report_period,
        user_performance._source_file as source_file,
        user_performance._source_row as source_row
    from user_performance
    left join performance_sales_persons
        on
            performance_sales_persons.module = 'user_performance'
            and user_performance.company = performance_sales_persons.company
            and user_performance.user_key = performance_sales_persons.performance_key
)

select * from final
