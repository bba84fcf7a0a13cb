{#
    Every spelling of every lookup in one shape: which branch, lead source or sales person it
    resolves to (entity_id, null when it resolves to none), the rows that carry it, and, where a
    person should look at it, why and which seed settles it:
      branch        merged       merged into a branch only because it has the same letters
                                 and digits (seeds/branch_aliases.csv keeps it apart)
      lead_source   unmapped     no rule knows the source: it is its own lead source, in the
                                 category of var lead_source_unmapped_category_by_module or
                                 other (seeds/lead_source_rules.csv)
      sales_person  ambiguous    several sales persons fit the name (candidates listed)
                    unmatched    no sales person fits (seeds/sales_person_overrides.csv)
    The record links, the lookups' lineage and the review queue read it.
#}
with

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

variants as (
    select
        company,
        'branch' as lookup_name,
        variant,
        branch_id as entity_id,
        row_count,
        case when spelling_count > 1 and aliased_name <> normalized_name then 'merged' end as review_reason,
        normalized_name as resolved_to,
        cast(null as {{ string }}) as candidates,
        'seeds/branch_aliases.csv' as seed_to_edit
    from branch_variants
    union all
    select
        company,
        'lead_source' as lookup_name,
        source_text as variant,
        lead_source_id as entity_id,
        row_count,
        case when not is_mapped then 'unmapped' end as review_reason,
        lead_source_name || ' (' || category || ')' as resolved_to,
        cast(null as {{ string }}) as candidates,
        'seeds/lead_source_rules.csv' as seed_to_edit
    from lead_source_variants
    union all
    select
        company,
        'sales_person' as lookup_name,
        variant,
        sales_person_id as entity_id,
        row_count,
        case when resolution in ('ambiguous', 'unmatched') then resolution end as review_reason,
        cast(null as {{ string }}) as resolved_to,
        candidate_names as candidates,
        'seeds/sales_person_overrides.csv' as seed_to_edit
    from sales_person_variants
),

final as (
    select
        company,
        lookup_name,
        variant,
        entity_id,
        cast(row_count as bigint) as row_count,
        review_reason,
        resolved_to,
        candidates,
        seed_to_edit
    from variants
)

select * from final
