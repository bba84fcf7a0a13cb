{#
    The blocking keys of identity resolution, one row per block, with its size: what bounds
    the comparisons int_identity_candidate_pairs makes, and the values it refuses to use.

      hub       a contact value (email, phone, street address) carried by
                var identity_hub_min_names different names: a moving agent's email, an office
                phone. It links nobody, and compares as missing.
      skipped   a hub, a block of more than var identity_max_block_size profiles, or a block
                past the comparison budget.

    The comparison budget keeps the comparisons linear in the data: blocks are taken from the
    smallest up (the rarest values, which say the most) until they make
    var identity_comparison_budget_per_profile pairs per profile; the larger blocks beyond are
    skipped. A fixed block size cap alone lets comparisons grow with the square of the data:
    ten times the records put ten times the profiles in a common name's block, a hundred times
    the pairs. max_pair_count is the number of profile pairs the block makes;
    cumulative_pair_count sums it over the usable blocks up to this one in that order.

    Blocks, hubs and the budget are per company: one company's common names do not use up
    another's comparisons.
#}
with

block_keys as (
    select * from {{ ref('int_identity_block_keys') }}
),

profiles as (
    select * from {{ ref('int_identity_profiles') }}
),

sized as (
    select
        company,
        block_kind,
        block_value,
        count(*) as profile_count,
        count(distinct name_value) as name_count
    from block_keys
    group by company, block_kind, block_value
),

flagged as (
    select
        *,
        block_kind in ({{ leadhub.quoted_list(leadhub.identity_contact_blocking_rules()) }})
        and name_count >= {{ var('identity_hub_min_names') }} as is_hub
    from sized
),

capped as (
    select
        company,
        block_kind,
        block_value,
        profile_count,
        name_count,
        cast(profile_count * (profile_count - 1) / 2 as bigint) as max_pair_count,
        is_hub,
        is_hub or profile_count > {{ var('identity_max_block_size') }} as is_oversized
    from flagged
),

budgeted as (
    select
        *,
        sum(case when is_oversized then 0 else max_pair_count end) over (
            partition by company
            order by profile_count, block_kind, block_value
            rows between unbounded preceding and current row
        ) as cumulative_pair_count
    from capped
),

budget as (
    select
        company,
        count(*) * {{ var('identity_comparison_budget_per_profile') }} as max_pairs
    from profiles
    group by company
),

final as (
    select
        budgeted.company,
        budgeted.block_kind,
        budgeted.block_value,
        budgeted.profile_count,
        budgeted.name_count,
        budgeted.max_pair_count,
        budgeted.cumulative_pair_count,
        budgeted.is_hub,
        budgeted.is_oversized,
        budgeted.is_oversized or budgeted.cumulative_pair_count > budget.max_pairs as is_skipped
    from budgeted
    inner join budget
        on budgeted.company = budget.company
)

select * from final
