{#
    Phone-system statistics, one row per user name and report period. The period comes from
    the file name ("RingCentral Users 2023", "user_performance_2024-H1"): reports of different
    periods both stay, a re-export of the same period (or, without a period in the name, a
    newer export) supersedes the older one.
#}
with

source as (
    select * from {{ source('crm', 'user_performance') }}
),

status_mappings as (
    select * from {{ ref('status_mappings') }}
    where module = 'user_performance'
),

typed as {{ leadhub.materialized() }} (
    select
        {{ leadhub.clean_text('source.name') }} as user_name,
        status_mappings.status as user_status,
        {{ leadhub.clean_text('source.user_status') }} as user_status_raw,
        {{ leadhub.parse_integer('source.total_calls') }} as total_calls,
        source.total_calls as total_calls_raw,
        {{ leadhub.parse_decimal('source.avg_calls_per_day') }} as avg_calls_per_day,
        source.avg_calls_per_day as avg_calls_per_day_raw,
        {{ leadhub.parse_integer('source.inbound') }} as inbound_calls,
        source.inbound as inbound_calls_raw,
        {{ leadhub.parse_integer('source.outbound') }} as outbound_calls,
        source.outbound as outbound_calls_raw,
        {{ leadhub.parse_percent('source.missed_pct') }} as missed_pct,
        source.missed_pct as missed_pct_raw,
        {{ leadhub.parse_hms_seconds('source.avg_handle_time') }} as avg_handle_time_seconds,
        source.avg_handle_time as avg_handle_time_raw,
        {{ leadhub.report_period_from_file_name('source._source_file') }} as report_period,
        {{ leadhub.lineage_columns('source') }}
    from source
    left join status_mappings
        on lower({{ leadhub.clean_text('source.user_status') }}) = status_mappings.raw_status
),

keyed as (
    select
        *,
        lower(user_name) || coalesce('|' || report_period, '') as user_key
    from typed
),

final as (
    select
        *,
        {{ leadhub.version_columns('user_key') }}
    from keyed
)

select * from final
