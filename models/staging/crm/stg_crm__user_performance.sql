with

base as (
    select * from {{ ref('base_crm__user_performance') }}
),

final as (
    select
        user_key,
        user_name,
        user_status,
        user_status_raw,
        total_calls,
        avg_calls_per_day,
        inbound_calls,
        outbound_calls,
        missed_pct,
        avg_handle_time_seconds,
        report_period,
        version_number,
        valid_from,
        {{ leadhub.lineage_columns() }}
    from base
    where row_status = 'current'
)

select * from final
