-- 1. Customer complete profile (../shared/data-model.md): every customer with their
-- BOOKED/CLOSED jobs, bad leads and the lead_status rows those link to, booked
-- opportunities and the lead_status and lost_leads rows of their quote numbers, the job's
-- branch and the lead's source. One row per combination: filter on customers.id for one
-- person's profile.
select
    customers.id as customer_id,
    customers.customer_name,
    customers.lifecycle_stage,
    customers.first_lead_date,
    customers.conversion_date,
    customers.lifetime_revenue,
    jobs.id as job_id,
    jobs.opportunity_status,
    jobs.job_date,
    jobs.total_actual_cost,
    job_branches.name as job_branch,
    bad_leads.id as bad_lead_id,
    bad_leads.received_at as bad_lead_received_at,
    bad_lead_status.quote_number as bad_lead_quote_number,
    booked_opportunities.quote_number as booked_quote_number,
    booked_opportunities.booked_date,
    quote_leads.status as lead_status,
    quote_leads.received_at as lead_received_at,
    lead_sources.name as lead_source,
    lost_leads.lost_date
from {{ ref('customers') }} as customers
left join {{ ref('jobs') }} as jobs
    on
        customers.id = jobs.customer_id
        and {{ leadhub.is_customer_job('jobs.opportunity_status') }}
left join {{ ref('bad_leads') }} as bad_leads
    on customers.id = bad_leads.customer_id
left join {{ ref('lead_status') }} as bad_lead_status
    on bad_leads.lead_status_id = bad_lead_status.id
left join {{ ref('booked_opportunities') }} as booked_opportunities
    on customers.id = booked_opportunities.customer_id
left join {{ ref('lead_status') }} as quote_leads
    on booked_opportunities.quote_number = quote_leads.quote_number
left join {{ ref('lost_leads') }} as lost_leads
    on booked_opportunities.quote_number = lost_leads.quote_number
left join {{ ref('branches') }} as job_branches
    on jobs.branch_id = job_branches.id
left join {{ ref('lead_sources') }} as lead_sources
    on quote_leads.lead_source_id = lead_sources.id
where customers.lifecycle_stage = 'customer'
