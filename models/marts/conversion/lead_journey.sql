{#
    One row per lead, from first inquiry to its outcome.

    A lead is a lead_status row (a quote); a lost lead whose quote is missing from
    lead_status; or a bad lead that belongs to no quoted lead (a bad lead linked to a
    lead_status row is a duplicate inquiry of that lead and is counted on it).

    outcome: bad (a bad lead), booked (a booked opportunity, or lead_status BOOKED), lost (a
    lost lead, or a lead_status status in var lead_lost_statuses), else open.
#}
with

lead_status as (
    select * from {{ ref('lead_status') }}
),

lost_leads as (
    select * from {{ ref('lost_leads') }}
),

bad_leads as (
    select * from {{ ref('bad_leads') }}
),

booked_opportunities as (
    select * from {{ ref('booked_opportunities') }}
),

jobs as (
    select * from {{ ref('jobs') }}
),

customer_jobs as (
    select
        company,
        quote_number,
        count(*) as customer_job_count,
        min(job_date) as first_job_date,
        sum(total_actual_cost) as revenue
    from jobs
    where customer_id is not null and quote_number is not null
    group by company, quote_number
),

duplicate_bad_leads as (
    select
        lead_status_id,
        count(*) as bad_lead_count
    from bad_leads
    where lead_status_id is not null
    group by lead_status_id
),

leads as (
    select
        lead_status.id,
        lead_status.company,
        lead_status.id as lead_status_id,
        lost_leads.id as lost_lead_id,
        cast(null as {{ dbt.type_string() }}) as bad_lead_id,
        lead_status.booked_opportunity_id,
        lead_status.customer_id,
        lead_status.branch_id,
        lead_status.lead_source_id,
        lead_status.sales_person_id,
        lead_status.quote_number,
        lead_status.status as lead_status,
        lead_status.received_at,
        lead_status.time_to_contact_minutes as minutes_to_first_contact,
        lost_leads.lost_date,
        'lead_status' as lead_kind
    from lead_status
    left join lost_leads
        on lead_status.id = lost_leads.lead_status_id
    union all
    select
        id,
        company,
        cast(null as {{ dbt.type_string() }}) as lead_status_id,
        id as lost_lead_id,
        cast(null as {{ dbt.type_string() }}) as bad_lead_id,
        booked_opportunity_id,
        customer_id,
        branch_id,
        lead_source_id,
        sales_person_id,
        quote_number,
        cast(null as {{ dbt.type_string() }}) as lead_status,
        received_at,
        time_to_first_contact_minutes as minutes_to_first_contact,
        lost_date,
        'lost_lead' as lead_kind
    from lost_leads
    where lead_status_id is null
    union all
    select
        id,
        company,
        cast(null as {{ dbt.type_string() }}) as lead_status_id,
        cast(null as {{ dbt.type_string() }}) as lost_lead_id,
        id as bad_lead_id,
        cast(null as {{ dbt.type_string() }}) as booked_opportunity_id,
        customer_id,
        branch_id,
        lead_source_id,
        cast(null as {{ dbt.type_string() }}) as sales_person_id,
        cast(null as {{ dbt.type_string() }}) as quote_number,
        cast(null as {{ dbt.type_string() }}) as lead_status,
        received_at,
        cast(null as decimal(12, 2)) as minutes_to_first_contact,
        cast(null as date) as lost_date,
        'bad_lead' as lead_kind
    from bad_leads
    where lead_status_id is null
),

journeys as (
    select
        leads.*,
        booked_opportunities.booked_date,
        customer_jobs.first_job_date,
        customer_jobs.revenue,
        cast(leads.received_at as date) as received_date,
        cast(coalesce(customer_jobs.customer_job_count, 0) as bigint) as customer_job_count,
        cast(coalesce(duplicate_bad_leads.bad_lead_count, 0) as bigint) as duplicate_bad_lead_count,
        case
            when leads.lead_kind = 'bad_lead' then 'bad'
            when leads.booked_opportunity_id is not null or leads.lead_status = 'BOOKED' then 'booked'
            when
                leads.lost_lead_id is not null
                or leads.lead_status in ({{ leadhub.quoted_list(var('lead_lost_statuses')) }})
                then 'lost'
            else 'open'
        end as outcome
    from leads
    left join booked_opportunities
        on leads.booked_opportunity_id = booked_opportunities.id
    left join customer_jobs
        on leads.company = customer_jobs.company and leads.quote_number = customer_jobs.quote_number
    left join duplicate_bad_leads
        on leads.lead_status_id = duplicate_bad_leads.lead_status_id
),

final as (
    select
        id,
        company,
        lead_kind,
        lead_status_id,
        lost_lead_id,
        bad_lead_id,
        booked_opportunity_id,
        customer_id,
        branch_id,
        lead_source_id,
        sales_person_id,
        quote_number,
        lead_status,
        outcome,
        customer_job_count > 0 as is_converted,
        duplicate_bad_lead_count,
        received_at,
        cast({{ dbt.date_trunc('month', 'received_date') }} as date) as lead_month,
        {{ dbt.dateadd('minute', 'cast(round(minutes_to_first_contact) as integer)', 'received_at') }}
            as first_contact_at,
        booked_date,
        first_job_date,
        lost_date,
        minutes_to_first_contact,
        {{ leadhub.days_between('received_date', 'booked_date') }} as days_to_booking,
        {{ leadhub.days_between('booked_date', 'first_job_date') }} as days_booking_to_first_job,
        {{ leadhub.days_between('received_date', 'lost_date') }} as days_to_lost,
        customer_job_count,
        cast(coalesce(revenue, 0) as decimal(16, 2)) as revenue
    from journeys
)

select * from final
