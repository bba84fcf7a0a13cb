{#
    One row per branch. Its status is the one written on the most recently exported variant
    (a branch put on hold shows `(On Hold)` in later exports only).
#}
with

variants as (
    select * from {{ ref('int_branch_variants') }}
),

latest as (
    select
        branch_id,
        marker_status,
        row_number() over (
            partition by branch_id
            order by last_seen_at desc, case when marker_status = 'active' then 1 else 0 end, variant asc
        ) as recency
    from variants
),

final as (
    select
        variants.company,
        variants.branch_id,
        variants.normalized_name as branch_name,
        variants.normalized_name,
        latest.marker_status as status,
        latest.marker_status = 'on_hold' as is_on_hold,
        latest.marker_status = 'inactive' as is_inactive,
        bool_or(variants.is_test) as is_test,
        count(*) as variant_count,
        sum(variants.row_count) as row_count
    from variants
    inner join latest
        on
            variants.branch_id = latest.branch_id
            and latest.recency = 1
    group by variants.company, variants.branch_id, variants.normalized_name, latest.marker_status
)

select * from final
