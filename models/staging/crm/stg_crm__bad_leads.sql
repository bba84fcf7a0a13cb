with

base as (
    select * from {{ ref('base_crm__bad_leads') }}
),

final as (
    select
        bad_lead_key,
        customer_name,
        customer_first_name,
        customer_last_name,
        customer_name_key,
        received_at,
        email,
        email_status,
        phone,
        phone_extension,
        phone_country_code,
        provider_name,
        move_date,
        lead_bad_reason,
        branch_name,
        version_number,
        valid_from,
        {{ leadhub.lineage_columns() }}
    from base
    where row_status = 'current'
)

select * from final
