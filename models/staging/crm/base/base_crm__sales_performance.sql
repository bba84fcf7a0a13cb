{#
    One row per sales person and period. Without `Period Start`/`Period End` columns, the
    period is the one the file name states (report_period: "2023", "2024-H1", ...), else the
    export itself (its file), so reports of different periods never collapse together and a
    re-export of the same period supersedes the older one.
#}
with

source as (
    select * from {{ source('crm', 'sales_performance') }}
),

typed as {{ leadhub.materialized() }} (
    select
        {{ leadhub.clean_text('source.name') }} as sales_person_name,
        {{ leadhub.parse_integer('source.leads_received') }} as leads_received,
        source.leads_received as leads_received_raw,
        {%- for measure in ['bad', 'sent', 'pending', 'booked', 'lost', 'cancelled'] %}
            {{ leadhub.parse_integer('source.' ~ measure) }} as {{ measure }}_count,
            source.{{ measure }} as {{ measure }}_count_raw,
            {{ leadhub.parse_percent('source.' ~ measure ~ '_pct') }} as {{ measure }}_pct,
            source.{{ measure }}_pct as {{ measure }}_pct_raw,
        {%- endfor %}
        {{ leadhub.parse_money('source.booked_total') }} as booked_total,
        source.booked_total as booked_total_raw,
        {{ leadhub.parse_money('source.average_booking') }} as average_booking,
        source.average_booking as average_booking_raw,
        {{ leadhub.parse_date('source.period_start') }} as period_start,
        source.period_start as period_start_raw,
        {{ leadhub.parse_date('source.period_end') }} as period_end,
        source.period_end as period_end_raw,
        {{ leadhub.report_period_from_file_name('source._source_file') }} as report_period,
        {{ leadhub.lineage_columns('source') }}
    from source
),

keyed as (
    select
        *,
        case
            when sales_person_name is not null
                then
                    lower(sales_person_name)
                    || '|' || coalesce(cast(period_start as {{ dbt.type_string() }}), '')
                    || '|' || coalesce(cast(period_end as {{ dbt.type_string() }}), report_period, _source_file)
        end as performance_key
    from typed
),

final as (
    select
        *,
        {{ leadhub.version_columns('performance_key') }}
    from keyed
)

select * from final
