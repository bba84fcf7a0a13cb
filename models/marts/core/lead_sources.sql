{{
    config(indexes=leadhub.postgres_indexes([
        ['category'],
    ]))
}}

with

lead_sources as (
    select * from {{ ref('int_lead_sources') }}
),

lookup_first_rows as (
    select * from {{ ref('int_lookup_first_rows') }}
),

final as (
    select
        lead_sources.lead_source_id as id,
        lead_sources.company,
        lead_sources.lead_source_name as name,  -- noqa: RF04
        lead_sources.category,
        lead_sources.is_mapped,
        cast(lead_sources.variant_count as bigint) as variant_count,
        cast(lead_sources.row_count as bigint) as row_count,
        lookup_first_rows._source_file as source_file,
        lookup_first_rows._source_row as source_row
    from lead_sources
    left join lookup_first_rows
        on
            lookup_first_rows.lookup_name = 'lead_source'
            and lead_sources.lead_source_id = lookup_first_rows.entity_id
)

select * from final
