-- 2. Lead-to-customer journey (../shared/data-model.md): leads that became customers,
-- from the lead_status row through the booked opportunity of its quote to the customer's
-- BOOKED/CLOSED jobs, with bad leads of the same lead, branch and lead source; only
-- customers with both a first lead date and a conversion date.
select
    lead_status.quote_number,
    lead_status.received_at,
    booked_opportunities.booked_date,
    customers.id as customer_id,
    customers.first_lead_date,
    customers.conversion_date,
    jobs.id as job_id,
    jobs.job_date,
    jobs.total_actual_cost,
    bad_leads.id as bad_lead_id,
    branches.name as branch,
    lead_sources.name as lead_source,
    lead_sources.category as lead_source_category,
    {{ leadhub.days_between('customers.first_lead_date', 'customers.conversion_date') }} as days_to_convert
from {{ ref('lead_status') }} as lead_status
left join {{ ref('booked_opportunities') }} as booked_opportunities
    on lead_status.quote_number = booked_opportunities.quote_number
left join {{ ref('customers') }} as customers
    on booked_opportunities.customer_id = customers.id
left join {{ ref('jobs') }} as jobs
    on
        customers.id = jobs.customer_id
        and {{ leadhub.is_customer_job('jobs.opportunity_status') }}
left join {{ ref('bad_leads') }} as bad_leads
    on lead_status.id = bad_leads.lead_status_id
left join {{ ref('branches') }} as branches
    on lead_status.branch_id = branches.id
left join {{ ref('lead_sources') }} as lead_sources
    on lead_status.lead_source_id = lead_sources.id
where
    customers.first_lead_date is not null
    and customers.conversion_date is not null
