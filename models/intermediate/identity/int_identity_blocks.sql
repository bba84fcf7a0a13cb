{#
    The blocking keys of identity resolution, one row per block, with its size: what bounds
    the comparisons int_identity_candidate_pairs makes, and the hubs it refuses to use.

      email / phone / address  name_count is the number of different names (formal first name
                               + surname) carrying the value. From var identity_hub_min_names
                               names on it is a hub (a moving agent's email, an office phone)
                               and links nobody.
      name_branch_date         a block larger than var identity_max_block_size records is skipped.

    max_pair_count bounds the comparisons in the block: profile pairs for contact blocks,
    record pairs for name blocks.
#}
with

block_keys as (
    select * from {{ ref('int_identity_block_keys') }}
),

sized as (
    select
        block_kind,
        block_value,
        count(*) as record_count,
        count(distinct profile_anchor_key) as profile_count,
        count(distinct first_canonical || ' ' || last_key) as name_count
    from block_keys
    group by block_kind, block_value
),

final as (
    select
        block_kind,
        block_value,
        record_count,
        profile_count,
        name_count,
        profile_count * (profile_count - 1) / 2 as max_pair_count,
        block_kind <> 'name_branch_date' and name_count >= {{ var('identity_hub_min_names') }} as is_hub,
        (block_kind <> 'name_branch_date' and name_count >= {{ var('identity_hub_min_names') }})
        or (block_kind = 'name_branch_date' and record_count > {{ var('identity_max_block_size') }})
            as is_skipped
    from sized
)

select * from final
