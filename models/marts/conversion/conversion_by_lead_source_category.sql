{# Conversion of the leads of each lead source category (all time); `unknown`: no source given. #}
with

lead_journey as (
    select * from {{ ref('lead_journey') }}
),

lead_sources as (
    select * from {{ ref('lead_sources') }}
),

categorized as (
    select
        lead_journey.*,
        coalesce(lead_sources.category, 'unknown') as lead_source_category
    from lead_journey
    left join lead_sources
        on lead_journey.lead_source_id = lead_sources.id
),

metrics as (
    select
        company,
        lead_source_category,
        {{ leadhub.conversion_metrics() }}
    from categorized
    group by company, lead_source_category
),

final as (
    select
        metrics.company,
        metrics.lead_source_category,
        {{ leadhub.conversion_metric_columns('metrics') }}
    from metrics
)

select * from final
