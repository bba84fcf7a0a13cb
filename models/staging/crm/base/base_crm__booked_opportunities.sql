with

source as (
    select * from {{ source('crm', 'booked_opportunities') }}
),

status_mappings as (
    select * from {{ ref('status_mappings') }}
    where module = 'booked_opportunities'
),

typed as {{ leadhub.materialized() }} (
    select
        {{ leadhub.normalize_quote_number('source.quote_number') }} as quote_number,
        source.quote_number as quote_number_raw,
        status_mappings.status,
        {{ leadhub.clean_text('source.status') }} as status_raw,
        {{ leadhub.parse_date('source.booked_date') }} as booked_date,
        source.booked_date as booked_date_raw,
        {{ leadhub.person_name_columns('source.customer_name') }},
        {{ leadhub.email_columns('source.email') }},
        {{ leadhub.phone_columns('source.phone_number') }},
        {{ leadhub.clean_text('source.branch_name') }} as branch_name,
        {{ leadhub.clean_text('source.sales_person') }} as sales_person_name,
        {{ leadhub.clean_text('source.moving_from') }} as moving_from,
        {{ leadhub.clean_text('source.moving_to') }} as moving_to,
        {{ leadhub.parse_date('source.service_date') }} as service_date,
        source.service_date as service_date_raw,
        {{ leadhub.clean_text('source.service_type') }} as service_type,
        {{ leadhub.parse_money('source.hourly_rate') }} as hourly_rate,
        source.hourly_rate as hourly_rate_raw,
        {{ leadhub.parse_money('source.estimated_amount') }} as estimated_amount,
        source.estimated_amount as estimated_amount_raw,
        {{ leadhub.parse_money('source.invoiced_amount') }} as invoiced_amount,
        source.invoiced_amount as invoiced_amount_raw,
        {{ leadhub.clean_text('source.referral_source') }} as referral_source,
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
