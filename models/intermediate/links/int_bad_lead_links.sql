{#
    Every current bad lead with the lead_status row (quote) of the same inquiry, when there is one.

    A bad lead has no quote number: it links through customer identity. Its candidates are
    the lead_status rows of the same resolved customer (matched by email, phone, name, or
    through the customer's booked opportunities, lost leads and jobs when lead_status carries
    no contact columns) received within var bad_lead_link_max_days of it. The nearest in time
    wins, one in the same branch first, then the smaller quote number. A bad lead whose
    customer has no lead_status row near it stays unlinked (link_status says why).
#}
with

bad_leads as (
    select * from {{ ref('stg_crm__bad_leads') }}
),

customer_records as (
    select * from {{ ref('int_customer_records') }}
),

bad_lead_customers as (
    select
        bad_leads.company,
        bad_leads.bad_lead_key,
        bad_leads.received_at,
        bad_leads._source_file,
        bad_leads._source_row,
        customer_records.customer_id,
        customer_records.branch_id
    from bad_leads
    inner join customer_records
        on
            customer_records.module = 'bad_leads'
            and bad_leads.company = customer_records.company
            and bad_leads.bad_lead_key = customer_records.natural_key
),

lead_status_records as (
    select
        customer_id,
        quote_number,
        branch_id,
        event_at as received_at
    from customer_records
    where module = 'lead_status'
),

candidates as (
    select
        bad_lead_customers.company,
        bad_lead_customers.bad_lead_key,
        lead_status_records.quote_number,
        abs({{ dbt.datediff('bad_lead_customers.received_at', 'lead_status_records.received_at', 'minute') }})
            as minutes_apart,
        coalesce(bad_lead_customers.branch_id = lead_status_records.branch_id, false) as is_same_branch
    from bad_lead_customers
    inner join lead_status_records
        on bad_lead_customers.customer_id = lead_status_records.customer_id
    where
        abs({{ dbt.datediff('bad_lead_customers.received_at', 'lead_status_records.received_at', 'day') }})
        <= {{ var('bad_lead_link_max_days') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by company, bad_lead_key
            order by minutes_apart asc, is_same_branch desc, quote_number asc
        ) as preference,
        count(*) over (partition by company, bad_lead_key) as candidate_count
    from candidates
),

customer_leads as (
    select
        customer_id,
        count(*) as lead_status_count
    from lead_status_records
    group by customer_id
),

final as (
    select
        bad_lead_customers.company,
        bad_lead_customers.bad_lead_key,
        bad_lead_customers.customer_id,
        ranked.quote_number as lead_status_quote_number,
        cast(ranked.minutes_apart as bigint) as minutes_apart,
        ranked.is_same_branch,
        bad_lead_customers._source_file,
        bad_lead_customers._source_row,
        coalesce(ranked.candidate_count, 0) as candidate_count,
        case
            when ranked.quote_number is not null then 'linked'
            when customer_leads.lead_status_count is not null then 'no_lead_status_near'
            else 'customer_has_no_lead_status'
        end as link_status
    from bad_lead_customers
    left join ranked
        on
            bad_lead_customers.company = ranked.company
            and bad_lead_customers.bad_lead_key = ranked.bad_lead_key
            and ranked.preference = 1
    left join customer_leads
        on bad_lead_customers.customer_id = customer_leads.customer_id
)

select * from final
