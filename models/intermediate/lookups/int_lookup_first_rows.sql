{#
    The lineage of the lookup marts (branches, lead sources, sales persons): for each branch,
    lead source and sales person, the first export row that names it (earliest export, then
    file and row). One row per lookup and entity.
#}
with

mentions as (
    select * from {{ ref('stg_crm__entity_mentions') }}
),

variant_entities as (
    select * from {{ ref('int_lookup_variants') }}
    where entity_id is not null
),

named_rows as (
    select
        company,
        entity_kind as lookup_name,
        mention as variant,
        _exported_at,
        _source_file,
        _source_row
    from mentions
    where mention is not null
),

ranked as (
    select
        variant_entities.company,
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
            named_rows.company = variant_entities.company
            and named_rows.lookup_name = variant_entities.lookup_name
            and named_rows.variant = variant_entities.variant
),

final as (
    select
        company,
        lookup_name,
        entity_id,
        _exported_at as first_exported_at,
        _source_file,
        _source_row
    from ranked
    where row_rank = 1
)

select * from final
