-- 3. Sales person across modules (../shared/data-model.md): each sales person's jobs,
-- booked opportunities, leads, and their sales and phone performance rows. Each module is
-- counted on its own before the join, so one module's rows never multiply another's.
with

jobs as (
    select
        sales_person_id,
        count(*) as job_count,
        sum(total_actual_cost) as job_revenue
    from {{ ref('jobs') }}
    group by sales_person_id
),

booked_opportunities as (
    select
        sales_person_id,
        count(*) as booked_opportunity_count
    from {{ ref('booked_opportunities') }}
    group by sales_person_id
),

lead_status as (
    select
        sales_person_id,
        count(*) as lead_count
    from {{ ref('lead_status') }}
    group by sales_person_id
),

sales_performance as (
    select
        sales_person_id,
        sum(leads_received) as reported_leads_received,
        sum(booked_count) as reported_booked
    from {{ ref('sales_performance') }}
    group by sales_person_id
),

user_performance as (
    select
        sales_person_id,
        sum(total_calls) as total_calls
    from {{ ref('user_performance') }}
    group by sales_person_id
)

select
    sales_persons.id as sales_person_id,
    sales_persons.name as sales_person,
    jobs.job_count,
    jobs.job_revenue,
    booked_opportunities.booked_opportunity_count,
    lead_status.lead_count,
    sales_performance.reported_leads_received,
    sales_performance.reported_booked,
    user_performance.total_calls
from {{ ref('sales_persons') }} as sales_persons
left join jobs
    on sales_persons.id = jobs.sales_person_id
left join booked_opportunities
    on sales_persons.id = booked_opportunities.sales_person_id
left join lead_status
    on sales_persons.id = lead_status.sales_person_id
left join sales_performance
    on sales_persons.id = sales_performance.sales_person_id
left join user_performance
    on sales_persons.id = user_performance.sales_person_id
order by sales_persons.name
