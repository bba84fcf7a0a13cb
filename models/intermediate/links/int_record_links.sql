{#
    Every current record of the modules the marts publish (lead_status, booked_opportunities,
    lost_leads, jobs, bad_leads) with what resolution made of it: its branch, lead source,
    sales person and person (customer_id, only for a person we know something of: see
    is_identified_person). The marts take their foreign keys from here, so each lookup is
    applied in one place.
#}
{%- set published_modules = ['lead_status', 'booked_opportunities', 'lost_leads', 'jobs', 'bad_leads'] %}
with

mentions as (
    select * from {{ ref('stg_crm__entity_mentions') }}
    where
        row_status = 'current'
        and module in ({{ leadhub.quoted_list(published_modules) }})
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

-- one row per current record: the branch, lead source and sales person it names
records as (
    select
        module,
        record_key as natural_key,
        max(case when entity_kind = 'branch' then mention end) as branch_name,
        max(case when entity_kind = 'lead_source' then mention end) as lead_source_text,
        max(case when entity_kind = 'sales_person' then mention end) as sales_person_name
    from mentions
    group by module, record_key
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
