with

base as (
    select * from {{ ref('base_crm__sales_performance') }}
),

final as (
    select
        performance_key,
        sales_person_name,
        leads_received,
        bad_count,
        bad_pct,
        sent_count,
        sent_pct,
        pending_count,
        pending_pct,
        booked_count,
        booked_pct,
        lost_count,
        lost_pct,
        cancelled_count,
        cancelled_pct,
        booked_total,
        average_booking,
        period_start,
        period_end,
        report_period,
        version_number,
        valid_from,
        {{ leadhub.lineage_columns() }}
    from base
    where row_status = 'current'
)

select * from final
