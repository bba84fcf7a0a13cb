{# Conversion of the leads received in each month (lead_journey.lead_month). #}
with

lead_journey as (
    select * from {{ ref('lead_journey') }}
),

metrics as (
    select
        company,
        lead_month,
        {{ leadhub.conversion_metrics() }}
    from lead_journey
    group by company, lead_month
),

final as (
    select
        metrics.company,
        metrics.lead_month,
        {{ leadhub.conversion_metric_columns('metrics') }}
    from metrics
)

select * from final
