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

record_links as (
    select * from {{ ref('int_record_links') }}
),

final as (
    select
        {{ leadhub.mart_id(
            'booked_opportunities', 'booked_opportunities.quote_number', 'booked_opportunities.company'
        ) }}
            as id,
        booked_opportunities.company,
        booked_opportunities.quote_number,
        record_links.customer_id,
        record_links.sales_person_id,
        record_links.branch_id,
        record_links.lead_source_id,
        {{ leadhub.mart_id('lead_status', 'lead_status.quote_number', 'booked_opportunities.company') }}
            as lead_status_id,
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
    left join record_links
        on
            record_links.module = 'booked_opportunities'
            and booked_opportunities.company = record_links.company
            and booked_opportunities.quote_number = record_links.natural_key
    left join lead_status
        on
            booked_opportunities.company = lead_status.company
            and booked_opportunities.quote_number = lead_status.quote_number
)

select * from final
