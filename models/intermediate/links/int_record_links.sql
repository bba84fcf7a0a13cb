{#
    Every current record of the modules the marts publish (lead_status, booked_opportunities,
    lost_leads, jobs, bad_leads) with what resolution made of it: its branch, lead source,
    sales person and person (customer_id, only for a person we know something of: see
    is_identified_person). The marts take their foreign keys from here, so each lookup is
    applied in one place.
#}
with

lead_status as (
    select * from {{ ref('stg_crm__lead_status') }}
),

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities') }}
),

lost_leads as (
    select * from {{ ref('stg_crm__lost_leads') }}
),

jobs as (
    select * from {{ ref('stg_crm__jobs') }}
),

bad_leads as (
    select * from {{ ref('stg_crm__bad_leads') }}
),

customer_records as (
    select * from {{ ref('int_customer_records') }}
),

customers as (
    select * from {{ ref('int_customers') }}
),

branch_variants as (
    select * from {{ ref('int_branch_variants') }}
),

lead_source_variants as (
    select * from {{ ref('int_lead_source_variants') }}
),

sales_person_variants as (
    select * from {{ ref('int_sales_person_variants') }}
),

{%- set string = dbt.type_string() %}
{#- module: (natural key, lead source column, sales person column) #}
{%- set modules = {
    'lead_status': ('quote_number', 'referral_source', 'sales_person_name'),
    'booked_opportunities': ('quote_number', 'referral_source', 'sales_person_name'),
    'lost_leads': ('quote_number', 'referral_source', 'sales_person_name'),
    'jobs': ('job_id', 'referral_source', 'sales_person_name'),
    'bad_leads': ('bad_lead_key', 'provider_name', none),
} %}

records as (
    {%- for module, (key, source, seller) in modules.items() %}
        select
            '{{ module }}' as module,
            cast({{ key }} as {{ string }}) as natural_key,
            branch_name,
            cast({{ source }} as {{ string }}) as lead_source_text,
            cast({{ seller or 'null' }} as {{ string }}) as sales_person_name
        from {{ module }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        records.module,
        records.natural_key,
        case
            when {{ leadhub.is_identified_person('customers') }} then customer_records.customer_id
        end as customer_id,
        branch_variants.branch_id,
        lead_source_variants.lead_source_id,
        sales_person_variants.sales_person_id
    from records
    left join customer_records
        on
            records.module = customer_records.module
            and records.natural_key = customer_records.natural_key
    left join customers
        on customer_records.customer_id = customers.customer_id
    left join branch_variants
        on records.branch_name = branch_variants.variant
    left join lead_source_variants
        on records.lead_source_text = lead_source_variants.source_text
    left join sales_person_variants
        on records.sales_person_name = sales_person_variants.variant
)

select * from final
