with

base as (
    select * from {{ ref('base_crm__booked_opportunities') }}
),

final as (
    select
        quote_number,
        status,
        status_raw,
        booked_date,
        customer_name,
        customer_first_name,
        customer_last_name,
        customer_name_key,
        email,
        email_status,
        phone,
        phone_extension,
        phone_country_code,
        branch_name,
        sales_person_name,
        moving_from,
        moving_to,
        service_date,
        service_type,
        hourly_rate,
        estimated_amount,
        invoiced_amount,
        referral_source,
        version_number,
        valid_from,
        {{ leadhub.lineage_columns() }}
    from base
    where row_status = 'current'
)

select * from final
