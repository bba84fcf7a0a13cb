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

lookup_variants as (
    select * from {{ ref('int_lookup_variants') }}
),

-- one row per current record: the branch, lead source and sales person it names, resolved
records as (
    select
        mentions.company,
        mentions.module,
        mentions.record_key as natural_key,
        max(case when mentions.entity_kind = 'branch' then lookup_variants.entity_id end) as branch_id,
        max(case when mentions.entity_kind = 'lead_source' then lookup_variants.entity_id end) as lead_source_id,
        max(case when mentions.entity_kind = 'sales_person' then lookup_variants.entity_id end) as sales_person_id
    from mentions
    left join lookup_variants
        on
            mentions.company = lookup_variants.company
            and mentions.entity_kind = lookup_variants.lookup_name
            and mentions.mention = lookup_variants.variant
    group by mentions.company, mentions.module, mentions.record_key
),

final as (
    select
        records.company,
        records.module,
        records.natural_key,
        case
            when {{ leadhub.is_identified_person('customers') }} then customer_records.customer_id
        end as customer_id,
        records.branch_id,
        records.lead_source_id,
        records.sales_person_id
    from records
    left join customer_records
        on
            records.company = customer_records.company
            and records.module = customer_records.module
            and records.natural_key = customer_records.natural_key
    left join customers
        on customer_records.customer_id = customers.customer_id
)

select * from final
