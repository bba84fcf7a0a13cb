{{
    config(indexes=leadhub.postgres_indexes([
        ['normalized_name'],
    ]))
}}

with

branches as (
    select * from {{ ref('int_branches') }}
),

lookup_first_rows as (
    select * from {{ ref('int_lookup_first_rows') }}
),

final as (
    select
        branches.branch_id as id,
        branches.company,
        branches.branch_name as name,  -- noqa: RF04
        branches.normalized_name,
        branches.status,
        branches.is_on_hold,
        branches.is_inactive,
        branches.is_test,
        cast(branches.variant_count as bigint) as variant_count,
        cast(branches.row_count as bigint) as row_count,
        lookup_first_rows._source_file as source_file,
        lookup_first_rows._source_row as source_row
    from branches
    left join lookup_first_rows
        on
            lookup_first_rows.lookup_name = 'branch'
            and branches.branch_id = lookup_first_rows.entity_id
)

select * from final
