{#
    What a person should look at in the lookups, one row per spelling, with the rows it
    covers and the seed that settles it:
      branch        merged       a spelling merged into a branch because it has the same
                                 letters and digits (seeds/branch_aliases.csv keeps it apart)
      lead_source   unmapped     no rule knows the source: it is its own lead source, in the
                                 category of var lead_source_unmapped_category_by_module or
                                 other (seeds/lead_source_rules.csv)
      sales_person  ambiguous    several sales persons fit the name (candidates listed)
                    unmatched    no sales person fits (seeds/sales_person_overrides.csv)
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

review as (
    select
        'branch' as lookup_name,
        variant,
        row_count,
        'merged' as reason,
        normalized_name as resolved_to,
        cast(null as {{ string }}) as candidates,
        'seeds/branch_aliases.csv' as seed_to_edit
    from branch_variants
    where spelling_count > 1 and aliased_name <> normalized_name
    union all
    select
        'lead_source' as lookup_name,
        source_text as variant,
        row_count,
        'unmapped' as reason,
        lead_source_name || ' (' || category || ')' as resolved_to,
        cast(null as {{ string }}) as candidates,
        'seeds/lead_source_rules.csv' as seed_to_edit
    from lead_source_variants
    where not is_mapped
    union all
    select
        'sales_person' as lookup_name,
        variant,
        row_count,
        resolution as reason,
        cast(null as {{ string }}) as resolved_to,
        candidate_names as candidates,
        'seeds/sales_person_overrides.csv' as seed_to_edit
    from sales_person_variants
    where resolution in ('ambiguous', 'unmatched')
),

final as (
    select
        lookup_name,
        variant,
        cast(row_count as bigint) as row_count,
        reason,
        resolved_to,
        candidates,
        seed_to_edit
    from review
)

select * from final
