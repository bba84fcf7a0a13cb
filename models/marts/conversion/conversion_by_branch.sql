{# Conversion of the leads of each branch (all time); branch_id null: leads with no branch. #}
with

lead_journey as (
    select * from {{ ref('lead_journey') }}
),

branches as (
    select * from {{ ref('branches') }}
),

metrics as (
    select
        company,
        branch_id,
        {{ leadhub.conversion_metrics() }}
    from lead_journey
    group by company, branch_id
),

final as (
    select
        metrics.company,
        metrics.branch_id,
        branches.name as branch_name,
        {{ leadhub.conversion_metric_columns('metrics') }}
    from metrics
    left join branches
        on metrics.branch_id = branches.id
)

select * from final
