with

base as (
    select * from {{ ref('base_crm__jobs') }}
),

final as (
    select
        job_id,
        opportunity_status,
        opportunity_status_raw,
        job_date,
        job_number,
        quote_number,
        sales_person_name,
        branch_name,
        job_type,
        customer_name,
        customer_first_name,
        customer_last_name,
        customer_name_key,
        email,
        email_status,
        phone,
        phone_extension,
        phone_country_code,
        referral_source,
        affiliate_name,
        created_at_utc,
        booked_at_utc,
        hourly_rate_quoted,
        total_estimated_cost,
        hourly_rate_billed,
        total_actual_cost,
        actual_number_crew,
        actual_number_trucks,
        origin_address,
        origin_street,
        origin_city,
        origin_state,
        origin_zip,
        origin_type,
        destination_address,
        destination_street,
        destination_city,
        destination_state,
        destination_zip,
        destination_type,
        version_number,
        valid_from,
        {{ leadhub.lineage_columns() }}
    from base
    where row_status = 'current'
)

select * from final
