with

base as (
    select * from {{ ref('base_crm__lost_leads') }}
),

final as (
    select
        quote_number,
        customer_name,
        customer_first_name,
        customer_last_name,
        customer_name_key,
        lost_date,
        move_date,
        reason,
        received_at,
        time_to_first_contact_minutes,
        referral_source,
        sales_person_name,
        branch_name,
        email,
        email_status,
        phone,
        phone_extension,
        phone_country_code,
        version_number,
        valid_from,
        {{ leadhub.lineage_columns() }}
    from base
    where row_status = 'current'
)

select * from final
