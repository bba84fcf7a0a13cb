with

source as (
    select * from {{ source('crm', 'lost_leads') }}
),

typed as {{ leadhub.materialized() }} (
    select
        {{ leadhub.normalize_quote_number('source.quote_number') }} as quote_number,
        source.quote_number as quote_number_raw,
        {{ leadhub.person_name_columns('source.name') }},
        {{ leadhub.parse_date('source.lost_date') }} as lost_date,
        source.lost_date as lost_date_raw,
        {{ leadhub.parse_date('source.move_date') }} as move_date,
        source.move_date as move_date_raw,
        {{ leadhub.clean_text('source.reason') }} as reason,
        {{ leadhub.parse_timestamp('source.date_received') }} as received_at,
        source.date_received as received_at_raw,
        {{ leadhub.parse_duration_minutes('source.time_to_first_contact') }} as time_to_first_contact_minutes,
        source.time_to_first_contact as time_to_first_contact_raw,
        {{ leadhub.clean_text('source.referral_source') }} as referral_source,
        {{ leadhub.clean_text('source.sales_person') }} as sales_person_name,
        {{ leadhub.clean_text('source.branch_name') }} as branch_name,
        {{ leadhub.email_columns('source.email') }},
        {{ leadhub.phone_columns('source.phone') }},
        {{ leadhub.lineage_columns('source') }}
    from source
),

final as (
    select
        *,
        {{ leadhub.version_columns('quote_number') }}
    from typed
)

select * from final
