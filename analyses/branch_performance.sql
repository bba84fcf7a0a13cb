-- 4. Branch performance (../shared/data-model.md): per branch, distinct jobs, booked
-- opportunities and leads, and revenue as the sum of jobs.total_actual_cost. Each module
-- is counted on its own before the join so that revenue is never multiplied.
with

jobs as (
    select
        branch_id,
        count(distinct id) as job_count,
        sum(total_actual_cost) as revenue
    from {{ ref('jobs') }}
    group by branch_id
),

booked_opportunities as (
    select
        branch_id,
        count(distinct id) as booked_opportunity_count
    from {{ ref('booked_opportunities') }}
    group by branch_id
),

leads as (
    select
        branch_id,
        count(distinct id) as lead_count
    from {{ ref('lead_status') }}
    group by branch_id
)

select
    branches.name as branch,
    coalesce(jobs.job_count, 0) as job_count,
    coalesce(booked_opportunities.booked_opportunity_count, 0) as booked_opportunity_count,
    coalesce(leads.lead_count, 0) as lead_count,
    coalesce(jobs.revenue, 0) as revenue
from {{ ref('branches') }} as branches
left join jobs
    on branches.id = jobs.branch_id
left join booked_opportunities
    on branches.id = booked_opportunities.branch_id
left join leads
    on branches.id = leads.branch_id
order by revenue desc, branch asc
