{{ config(severity='warn') }}

{#
    All customers were leads once (../shared/data-model.md): a customer without a
    first_lead_date has no lead_status, bad lead or lost lead row in the exports, which
    usually means an export period is missing. Warns with the customers concerned.
#}
select
    id,
    customer_name,
    conversion_date,
    source_file,
    source_row
from {{ ref('customers') }}
where lifecycle_stage = 'customer' and first_lead_date is null
