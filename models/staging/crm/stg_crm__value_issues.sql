{#
    Nothing is lost silently: every export value that staging could not normalize (it is
    null in the staged model) and every row that could not be staged, with where it came
    from, the raw value and why.
#}
with

lead_status as (
    select * from {{ ref('base_crm__lead_status') }}
),

booked_opportunities as (
    select * from {{ ref('base_crm__booked_opportunities') }}
),

lost_leads as (
    select * from {{ ref('base_crm__lost_leads') }}
),

bad_leads as (
    select * from {{ ref('base_crm__bad_leads') }}
),

jobs as (
    select * from {{ ref('base_crm__jobs') }}
),

customers as (
    select * from {{ ref('base_crm__customers') }}
),

sales_performance as (
    select * from {{ ref('base_crm__sales_performance') }}
),

user_performance as (
    select * from {{ ref('base_crm__user_performance') }}
),

issues as (
    {{ leadhub.union_value_checks(leadhub.value_issues) }}
),

final as (
    select
        module,
        natural_key,
        source_file,
        source_row,
        load_id,
        column_name,
        raw_value,
        reason
    from issues
)

select * from final
