{#
    One row per quote number seen in lead_status, booked_opportunities or lost_leads (current
    rows), with where it appears: the quote number is how a lead and a lost lead link to
    their booked opportunity. Flags what does not add up (a lead marked booked without a
    booked opportunity, a quote both booked and lost). Quote numbers are per company.
#}
with

lead_status as (
    select * from {{ ref('stg_crm__lead_status') }}
),

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities') }}
),

lost_leads as (
    select * from {{ ref('stg_crm__lost_leads') }}
),

quotes as (
    select
        company,
        quote_number
    from lead_status
    union
    select
        company,
        quote_number
    from booked_opportunities
    union
    select
        company,
        quote_number
    from lost_leads
),

final as (
    select
        quotes.company,
        quotes.quote_number,
        lead_status.status as lead_status,
        booked_opportunities.status as booked_opportunity_status,
        booked_opportunities.quote_number as booked_quote_number,
        lead_status.quote_number is not null as has_lead_status,
        booked_opportunities.quote_number is not null as has_booked_opportunity,
        lost_leads.quote_number is not null as has_lost_lead,
        coalesce(lead_status.status = 'BOOKED' and booked_opportunities.quote_number is null, false)
            as is_booked_without_opportunity,
        booked_opportunities.quote_number is not null and lost_leads.quote_number is not null
            as is_booked_and_lost
    from quotes
    left join lead_status
        on quotes.company = lead_status.company and quotes.quote_number = lead_status.quote_number
    left join booked_opportunities
        on
            quotes.company = booked_opportunities.company
            and quotes.quote_number = booked_opportunities.quote_number
    left join lost_leads
        on quotes.company = lost_leads.company and quotes.quote_number = lost_leads.quote_number
)

select * from final
