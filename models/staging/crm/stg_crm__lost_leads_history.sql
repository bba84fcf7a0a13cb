with

source as (
    select * from {{ source('crm', 'lost_leads') }}
),

typed as {{ leadhub.materialized() }} (
    select
        {{ leadhub.normalize_quote_number('source.quote_number') }} as quote_number,
        source.quote_number as quote_number_raw,
        {{ leadhub.person_full_name('source.name') }} as customer_name,
        {{ leadhub.person_first_name('source.name') }} as customer_first_name,
        {{ leadhub.person_last_name('source.name') }} as customer_last_name,
        {{ leadhub.person_name_key('source.name') }} as customer_name_key,
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
        {{ leadhub.normalize_email('source.email') }} as email,
        {{ leadhub.email_status('source.email') }} as email_status,
        source.email as email_raw,
        {{ leadhub.phone_national('source.phone') }} as phone,
        {{ leadhub.phone_extension('source.phone') }} as phone_extension,
        {{ leadhub.phone_country_code('source.phone') }} as phone_country_code,
        source.phone as phone_raw,
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
