with

source as (
    select * from {{ source('crm', 'lead_status') }}
),

status_mappings as (
    select * from {{ ref('status_mappings') }}
    where module = 'lead_status'
),

typed as {{ leadhub.materialized() }} (
    select
        {{ leadhub.normalize_quote_number('source.quote_number') }} as quote_number,
        source.quote_number as quote_number_raw,
        {{ leadhub.clean_text('source.branch_name') }} as branch_name,
        status_mappings.status,
        {{ leadhub.clean_text('source.status') }} as status_raw,
        {{ leadhub.clean_text('source.sales_person') }} as sales_person_name,
        {{ leadhub.parse_duration_minutes('source.time_to_contact') }} as time_to_contact_minutes,
        source.time_to_contact as time_to_contact_raw,
        {{ leadhub.clean_text('source.referral_source') }} as referral_source,
        {{ leadhub.parse_timestamp('source.date_received') }} as received_at,
        source.date_received as received_at_raw,
        {{ leadhub.person_name_columns('source.customer_name') }},
        {{ leadhub.email_columns('source.email') }},
        {{ leadhub.phone_columns('source.phone') }},
        {{ leadhub.parse_date('source.move_date') }} as move_date,
        source.move_date as move_date_raw,
        {{ leadhub.clean_text('source.service_type') }} as service_type,
        {{ leadhub.lineage_columns('source') }}
    from source
    left join status_mappings
        on lower({{ leadhub.clean_text('source.status') }}) = status_mappings.raw_status
),

final as (
    select
        *,
        {{ leadhub.version_columns('quote_number') }}
    from typed
)

select * from final
