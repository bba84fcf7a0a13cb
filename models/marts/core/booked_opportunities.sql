{#
    One row per booked quote (current version), with its person, sales person, branch, lead
    source and the lead_status row of the same quote.
#}
{{
    config(indexes=leadhub.postgres_indexes([
        ['customer_id', 'booked_date'],
        ['sales_person_id'],
        ['branch_id'],
        ['lead_source_id'],
        ['lead_status_id'],
    ]))
}}

with

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities') }}
),

lead_status as (
    select * from {{ ref('stg_crm__lead_status') }}
),

customer_records as (
    select * from {{ ref('int_customer_records') }}
),

branch_variants as (
    select * from {{ ref('int_branch_variants') }}
),

lead_source_variants as (
    select * from {{ ref('int_lead_source_variants') }}
),

sales_person_variants as (
    select * from {{ ref('int_sales_person_variants') }}
),

booked_customers as (
    select
        natural_key,
        customer_id
    from customer_records
    where module = 'booked_opportunities'
),

final as (
    select
        {{ leadhub.mart_id('booked_opportunities', 'booked_opportunities.quote_number') }} as id,
        booked_opportunities.quote_number,
        booked_customers.customer_id,
        sales_person_variants.sales_person_id,
        branch_variants.branch_id,
        lead_source_variants.lead_source_id,
        {{ leadhub.mart_id('lead_status', 'lead_status.quote_number') }} as lead_status_id,
        booked_opportunities.status,
        booked_opportunities.booked_date,
        booked_opportunities.service_date,
        booked_opportunities.service_type,
        booked_opportunities.customer_name,
        booked_opportunities.email,
        booked_opportunities.phone,
        booked_opportunities.moving_from,
        booked_opportunities.moving_to,
        booked_opportunities.hourly_rate,
        booked_opportunities.estimated_amount,
        booked_opportunities.invoiced_amount,
        booked_opportunities._source_file as source_file,
        booked_opportunities._source_row as source_row
    from booked_opportunities
    left join booked_customers
        on booked_opportunities.quote_number = booked_customers.natural_key
    left join lead_status
        on booked_opportunities.quote_number = lead_status.quote_number
    left join branch_variants
        on booked_opportunities.branch_name = branch_variants.variant
    left join lead_source_variants
        on booked_opportunities.referral_source = lead_source_variants.source_text
    left join sales_person_variants
        on booked_opportunities.sales_person_name = sales_person_variants.variant
)

select * from final
