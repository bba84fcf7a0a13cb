{#
    One row per bad lead (current version). Bad leads have no quote number: customer_id
    comes from identity resolution (email, phone, name) and lead_status_id from the nearest
    lead_status row of the same person (int_bad_lead_links; lead_status_link says why a
    row has none).
#}
{{
    config(indexes=leadhub.postgres_indexes([
        ['lead_status_id'],
        ['customer_id'],
        ['lead_source_id'],
        ['branch_id'],
    ]))
}}

with

bad_leads as (
    select * from {{ ref('stg_crm__bad_leads') }}
),

bad_lead_links as (
    select * from {{ ref('int_bad_lead_links') }}
),

record_links as (
    select * from {{ ref('int_record_links') }}
),

final as (
    select
        {{ leadhub.mart_id('bad_leads', 'bad_leads.bad_lead_key', 'bad_leads.company') }} as id,
        bad_leads.company,
        record_links.customer_id,
        {{ leadhub.mart_id('lead_status', 'bad_lead_links.lead_status_quote_number', 'bad_leads.company') }}
            as lead_status_id,
        record_links.lead_source_id,
        record_links.branch_id,
        coalesce(bad_lead_links.link_status, 'no_customer') as lead_status_link,
        bad_leads.received_at,
        bad_leads.move_date,
        bad_leads.lead_bad_reason,
        bad_leads.provider_name,
        bad_leads.customer_name,
        bad_leads.email,
        bad_leads.phone,
        bad_leads._source_file as source_file,
        bad_leads._source_row as source_row
    from bad_leads
    left join bad_lead_links
        on bad_leads.company = bad_lead_links.company and bad_leads.bad_lead_key = bad_lead_links.bad_lead_key
    left join record_links
        on
            record_links.module = 'bad_leads'
            and bad_leads.company = record_links.company
            and bad_leads.bad_lead_key = record_links.natural_key
)

select * from final
