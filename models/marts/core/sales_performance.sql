{#
    The CRM's sales person performance report: one row per sales person and period as
    exported, linked to its sales person. An orphan (no sales person resolved) keeps a null
    sales_person_id and lists its closest candidates.
#}
{{
    config(indexes=leadhub.postgres_indexes([
        ['sales_person_id'],
    ]))
}}

with

sales_performance as (
    select * from {{ ref('stg_crm__sales_performance') }}
),

performance_sales_persons as (
    select * from {{ ref('int_performance_sales_persons') }}
),

final as (
    select
        {{ leadhub.mart_id(
            'sales_performance', 'sales_performance.performance_key', 'sales_performance.company'
        ) }} as id,
        sales_performance.company,
        performance_sales_persons.sales_person_id,
        sales_performance.sales_person_name as name,  -- noqa: RF04
        performance_sales_persons.resolution as sales_person_resolution,
        performance_sales_persons.is_orphan,
        performance_sales_persons.closest_candidates,
        sales_performance.period_start,
        sales_performance.period_end,
        sales_performance.report_period,
        sales_performance.leads_received,
        sales_performance.bad_count,
        sales_performance.bad_pct,
        sales_performance.sent_count,
        sales_performance.sent_pct,
        sales_performance.pending_count,
        sales_performance.pending_pct,
        sales_performance.booked_count,
        sales_performance.booked_pct,
        sales_performance.lost_count,
        sales_performance.lost_pct,
        sales_performance.cancelled_count,
        sales_performance.cancelled_pct,
        sales_performance.booked_total,
        sales_performance.average_booking,
        sales_performance._source_file as source_file,
        sales_performance._source_row as source_row
    from sales_performance
    left join performance_sales_persons
        on
            performance_sales_persons.module = 'sales_performance'
            and sales_performance.company = performance_sales_persons.company
            and sales_performance.performance_key = performance_sales_persons.performance_key
)

select * from final
