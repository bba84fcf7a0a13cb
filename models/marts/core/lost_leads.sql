{#
    One row per lost quote (current version), with the booked opportunity of the same quote
    (a quote both booked and lost is flagged in lead_status), its lead_status row, lead
    source, sales person, branch and resolved person.
#}
{{
    config(indexes=leadhub.postgres_indexes([
        ['booked_opportunity_id'],
        ['lead_source_id'],
        ['lead_status_id'],
        ['sales_person_id'],
        ['branch_id'],
        ['customer_id'],
    ]))
}}

with

lost_leads as (
    select * from {{ ref('stg_crm__lost_leads') }}
),

quote_links as (
    select * from {{ ref('int_quote_links') }}
),

record_links as (
    select * from {{ ref('int_record_links') }}
),

final as (
    select
        {{ leadhub.mart_id('lost_leads', 'lost_leads.quote_number', 'lost_leads.company') }} as id,
        lost_leads.company,
        lost_leads.quote_number,
        {{ leadhub.mart_id('booked_opportunities', 'quote_links.booked_quote_number', 'lost_leads.company') }}
            as booked_opportunity_id,
        record_links.lead_source_id,
        case
            when quote_links.has_lead_status
                then {{ leadhub.mart_id('lead_status', 'lost_leads.quote_number', 'lost_leads.company') }}
        end as lead_status_id,
        record_links.sales_person_id,
        record_links.branch_id,
        record_links.customer_id,
        lost_leads.lost_date,
        lost_leads.reason,
        lost_leads.received_at,
        lost_leads.time_to_first_contact_minutes,
        lost_leads.move_date,
        lost_leads.customer_name,
        lost_leads.email,
        lost_leads.phone,
        lost_leads._source_file as source_file,
        lost_leads._source_row as source_row
    from lost_leads
    inner join quote_links
        on lost_leads.company = quote_links.company and lost_leads.quote_number = quote_links.quote_number
    left join record_links
        on
            record_links.module = 'lost_leads'
            and lost_leads.company = record_links.company
            and lost_leads.quote_number = record_links.natural_key
)

select * from final
