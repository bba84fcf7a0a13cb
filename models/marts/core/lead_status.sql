{#
    The central hub: one row per lead (quote), current version, with its booked opportunity
    (same quote number), sales person, branch, lead source and resolved person.
#}
{{
    config(indexes=leadhub.postgres_indexes([
        ['booked_opportunity_id'],
        ['sales_person_id'],
        ['branch_id'],
        ['lead_source_id'],
        ['customer_id'],
    ]))
}}

with

lead_status as (
    select * from {{ ref('stg_crm__lead_status') }}
),

quote_links as (
    select * from {{ ref('int_quote_links') }}
),

record_links as (
    select * from {{ ref('int_record_links') }}
),

final as (
    select
        {{ leadhub.mart_id('lead_status', 'lead_status.quote_number', 'lead_status.company') }} as id,
        lead_status.company,
        lead_status.quote_number,
        {{ leadhub.mart_id('booked_opportunities', 'quote_links.booked_quote_number', 'lead_status.company') }}
            as booked_opportunity_id,
        record_links.sales_person_id,
        record_links.branch_id,
        record_links.lead_source_id,
        record_links.customer_id,
        lead_status.status,
        lead_status.received_at,
        lead_status.time_to_contact_minutes,
        lead_status.move_date,
        lead_status.service_type,
        lead_status.customer_name,
        lead_status.email,
        lead_status.phone,
        quote_links.has_lost_lead,
        quote_links.is_booked_without_opportunity,
        quote_links.is_booked_and_lost,
        lead_status._source_file as source_file,
        lead_status._source_row as source_row
    from lead_status
    inner join quote_links
        on lead_status.company = quote_links.company and lead_status.quote_number = quote_links.quote_number
    left join record_links
        on
            record_links.module = 'lead_status'
            and lead_status.company = record_links.company
            and lead_status.quote_number = record_links.natural_key
)

select * from final
