with

source as (
    select * from {{ source('crm', 'jobs') }}
),

status_mappings as (
    select * from {{ ref('status_mappings') }}
    where module = 'jobs'
),

typed as {{ leadhub.materialized() }} (
    select
        {{ leadhub.parse_integer('source.job_id') }} as job_id,
        source.job_id as job_id_raw,
        status_mappings.status as opportunity_status,
        {{ leadhub.clean_text('source.opportunity_status') }} as opportunity_status_raw,
        {{ leadhub.parse_date('source.job_date') }} as job_date,
        source.job_date as job_date_raw,
        {{ leadhub.clean_text('source.job_number') }} as job_number,
        {{ leadhub.normalize_quote_number('source.quote_number') }} as quote_number,
        source.quote_number as quote_number_raw,
        {{ leadhub.clean_text('source.sales_person_name') }} as sales_person_name,
        {{ leadhub.clean_text('source.branch_name') }} as branch_name,
        {{ leadhub.clean_text('source.job_type') }} as job_type,
        {{ leadhub.person_name_columns('source.customer_name') }},
        {{ leadhub.email_columns('source.customer_email') }},
        {{ leadhub.phone_columns('source.customer_phone') }},
        {{ leadhub.clean_text('source.referral_source') }} as referral_source,
        {{ leadhub.clean_text('source.affiliate_name') }} as affiliate_name,
        {{ leadhub.parse_timestamp('source.created_at_utc') }} as created_at_utc,
        source.created_at_utc as created_at_utc_raw,
        {{ leadhub.parse_timestamp('source.booked_at_utc') }} as booked_at_utc,
        source.booked_at_utc as booked_at_utc_raw,
        {{ leadhub.parse_money('source.hourly_rate_quoted') }} as hourly_rate_quoted,
        source.hourly_rate_quoted as hourly_rate_quoted_raw,
        {{ leadhub.parse_money('source.total_estimated_cost') }} as total_estimated_cost,
        source.total_estimated_cost as total_estimated_cost_raw,
        {{ leadhub.parse_money('source.hourly_rate_billed') }} as hourly_rate_billed,
        source.hourly_rate_billed as hourly_rate_billed_raw,
        {{ leadhub.parse_money('source.total_actual_cost') }} as total_actual_cost,
        source.total_actual_cost as total_actual_cost_raw,
        {{ leadhub.parse_integer('source.actual_number_crew') }} as actual_number_crew,
        source.actual_number_crew as actual_number_crew_raw,
        {{ leadhub.parse_integer('source.actual_number_trucks') }} as actual_number_trucks,
        source.actual_number_trucks as actual_number_trucks_raw,
        {%- for side in ['origin', 'destination'] %}
            {%- for part in ['address', 'street', 'city', 'state', 'zip', 'type'] %}
                {{ leadhub.clean_text('source.' ~ side ~ '_' ~ part) }} as {{ side }}_{{ part }},
            {%- endfor %}
        {%- endfor %}
        {{ leadhub.lineage_columns('source') }}
    from source
    left join status_mappings
        on lower({{ leadhub.clean_text('source.opportunity_status') }}) = status_mappings.raw_status
),

final as (
    select
        *,
        {{ leadhub.version_columns('job_id') }}
    from typed
)

select * from final
