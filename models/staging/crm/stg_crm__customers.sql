with

base as (
    select * from {{ ref('base_crm__customers') }}
),

final as (
    select
        crm_customer_id,
        customer_name,
        customer_first_name,
        customer_last_name,
        customer_name_key,
        email,
        email_status,
        phone,
        phone_extension,
        phone_country_code,
        address,
        city,
        state,
        zip,
        created_at,
        version_number,
        valid_from,
        {{ leadhub.lineage_columns() }}
    from base
    where row_status = 'current'
)

select * from final
