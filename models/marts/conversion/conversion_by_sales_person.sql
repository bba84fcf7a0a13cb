{# Conversion of the leads of each sales person (all time); sales_person_id null: bad leads and unassigned leads. #}
with

lead_journey as (
    select * from {{ ref('lead_journey') }}
),

sales_persons as (
    select * from {{ ref('sales_persons') }}
),

metrics as (
    select
        company,
        sales_person_id,
        {{ leadhub.conversion_metrics() }}
    from lead_journey
    group by company, sales_person_id
),

final as (
    select
        metrics.company,
        metrics.sales_person_id,
        sales_persons.name as sales_person_name,
        {{ leadhub.conversion_metric_columns('metrics') }}
    from metrics
    left join sales_persons
        on metrics.sales_person_id = sales_persons.id
)

select * from final
