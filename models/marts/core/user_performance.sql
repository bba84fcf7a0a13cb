{#
    The phone system's per-user statistics: one row per user, linked to its sales person.
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

links as (
    select
        performance_key,
        sales_person_id,
        resolution,
        is_orphan,
        closest_candidates
    from performance_sales_persons
    where module = 'user_performance'
),

final as (
    select
        {{ leadhub.mart_id('user_performance', 'user_performance.user_key') }} as id,
        links.sales_person_id,
        user_performance.user_name as name,  -- noqa: RF04
        links.resolution as sales_person_resolution,
        links.is_orphan,
        links.closest_candidates,
        user_performance.user_status,
        user_performance.total_calls,
        user_performance.avg_calls_per_day,
        user_performance.inbound_calls,
        user_performance.outbound_calls,
        user_performance.missed_pct,
        user_performance.avg_handle_time_seconds,
        user_performance._source_file as source_file,
        user_performance._source_row as source_row
    from user_performance
    left join links
        on user_performance.user_key = links.performance_key
)

select * from final
