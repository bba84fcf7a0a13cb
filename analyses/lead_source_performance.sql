-- 5. Lead source performance (../shared/data-model.md): per lead source name and
-- category, distinct leads, conversions (leads with a booked opportunity, through
-- lead_status.booked_opportunity_id) and the distinct customers those bookings belong to.
select
    lead_sources.name as lead_source,
    lead_sources.category,
    count(distinct lead_status.id) as lead_count,
    count(distinct booked_opportunities.id) as conversion_count,
    count(distinct booked_opportunities.customer_id) as customer_count
from {{ ref('lead_sources') }} as lead_sources
left join {{ ref('lead_status') }} as lead_status
    on lead_sources.id = lead_status.lead_source_id
left join {{ ref('booked_opportunities') }} as booked_opportunities
    on lead_status.booked_opportunity_id = booked_opportunities.id
group by lead_sources.name, lead_sources.category
order by lead_count desc, lead_source asc
