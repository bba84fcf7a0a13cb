{# Conversion of the leads of each lead source (all time); lead_source_id null: no source given. #}
with

lead_journey as (
    select * from {{ ref('lead_journey') }}
),

lead_sources as (
    select * from {{ ref('lead_sources') }}
),

metrics as (
    select
        company,
        lead_source_id,
        {{ leadhub.conversion_metrics() }}
    from lead_journey
    group by company, lead_source_id
),

final as (
    select
        metrics.company,
        metrics.lead_source_id,
        lead_sources.name as lead_source_name,
        lead_sources.category as lead_source_category,
        {{ leadhub.conversion_metric_columns('metrics') }}
    from metrics
    left join lead_sources
        on metrics.lead_source_id = lead_sources.id
)

select * from final
