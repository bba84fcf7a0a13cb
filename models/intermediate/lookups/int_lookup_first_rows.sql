{#
    The lineage of the lookup marts (branches, lead sources, sales persons): for each branch,
    lead source and sales person, the first export row that names it (earliest export, then
    file and row). One row per lookup and entity.
#}
{%- set named_columns = [
    ('lead_status', 'branch', 'branch_name'),
    ('lead_status', 'lead_source', 'referral_source'),
    ('lead_status', 'sales_person', 'sales_person_name'),
    ('booked_opportunities', 'branch', 'branch_name'),
    ('booked_opportunities', 'lead_source', 'referral_source'),
    ('booked_opportunities', 'sales_person', 'sales_person_name'),
    ('lost_leads', 'branch', 'branch_name'),
    ('lost_leads', 'lead_source', 'referral_source'),
    ('lost_leads', 'sales_person', 'sales_person_name'),
    ('jobs', 'branch', 'branch_name'),
    ('jobs', 'lead_source', 'referral_source'),
    ('jobs', 'sales_person', 'sales_person_name'),
    ('bad_leads', 'branch', 'branch_name'),
    ('bad_leads', 'lead_source', 'provider_name'),
    ('sales_performance', 'sales_person', 'sales_person_name'),
    ('user_performance', 'sales_person', 'user_name'),
] -%}
with

lead_status as (
    select * from {{ ref('stg_crm__lead_status_history') }}
),

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities_history') }}
),

lost_leads as (
    select * from {{ ref('stg_crm__lost_leads_history') }}
),

jobs as (
    select * from {{ ref('stg_crm__jobs_history') }}
),

bad_leads as (
    select * from {{ ref('stg_crm__bad_leads_history') }}
),

sales_performance as (
    select * from {{ ref('stg_crm__sales_performance_history') }}
),

user_performance as (
    select * from {{ ref('stg_crm__user_performance_history') }}
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

variant_entities as (
    select
        'branch' as lookup_name,
        variant,
        branch_id as entity_id
    from branch_variants
    union all
    select
        'lead_source' as lookup_name,
        source_text as variant,
        lead_source_id as entity_id
    from lead_source_variants
    union all
    select
        'sales_person' as lookup_name,
        variant,
        sales_person_id as entity_id
    from sales_person_variants
    where sales_person_id is not null
),

named_rows as (
    {%- for module, lookup_name, column in named_columns %}
        select
            '{{ lookup_name }}' as lookup_name,
            {{ column }} as variant,
            _exported_at,
            _source_file,
            _source_row
        from {{ module }}
        where {{ column }} is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

ranked as (
    select
        variant_entities.lookup_name,
        variant_entities.entity_id,
        named_rows._exported_at,
        named_rows._source_file,
        named_rows._source_row,
        row_number() over (
            partition by variant_entities.lookup_name, variant_entities.entity_id
            order by named_rows._exported_at asc, named_rows._source_file asc, named_rows._source_row asc
        ) as row_rank
    from named_rows
    inner join variant_entities
        on
            named_rows.lookup_name = variant_entities.lookup_name
            and named_rows.variant = variant_entities.variant
),

final as (
    select
        lookup_name,
        entity_id,
        _exported_at as first_exported_at,
        _source_file,
        _source_row
    from ranked
    where row_rank = 1
)

select * from final
