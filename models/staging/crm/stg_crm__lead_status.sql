with

base as (
    select * from {{ ref('base_crm__lead_status') }}
),

final as (
    select
        quote_number,
        branch_name,
        status,
        status_raw,
        sales_person_name,
        time_to_contact_minutes,
        referral_source,
        received_at,
        customer_name,
        customer_first_name,
        customer_last_name,
        customer_name_key,
        email,
        email_status,
        phone,
        phone_extension,
        phone_country_code,
        move_date,
        service_type,
        version_number,
        valid_from,
        {{ leadhub.lineage_columns() }}
    from base
    where row_status = 'current'
)

select * from final
