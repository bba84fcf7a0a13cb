{#
    The blocking keys of identity resolution, one row per block, with its size: what bounds
    the comparisons int_identity_candidate_pairs makes, and the hubs it refuses to use.

      email / phone / address  name_count is the number of different names (formal first name
                               + surname) carrying the value. From var identity_hub_min_names
                               names on it is a hub (a moving agent's email, an office phone)
                               and links nobody.
      name_branch_date         branch, initials and time bucket; a block larger than var
                               identity_max_block_size records is skipped.

    max_pair_count bounds the comparisons in the block: profile pairs for contact blocks,
    probes x members for name blocks.
#}
with

block_keys as (
    select * from {{ ref('int_identity_block_keys') }}
),

sized as (
    select
        block_kind,
        block_value,
        sum(case when is_probe then 0 else 1 end) as record_count,
        sum(case when is_probe then 1 else 0 end) as probe_count,
        count(distinct case when not is_probe then profile_anchor_key end) as profile_count,
        count(distinct first_canonical || ' ' || last_key) as name_count
    from block_keys
    group by block_kind, block_value
),

final as (
    select
        block_kind,
        block_value,
        record_count,
        probe_count,
        profile_count,
        name_count,
        case
            when block_kind = 'name_branch_date' then probe_count * record_count
            else cast(profile_count * (profile_count - 1) / 2 as bigint)
        end as max_pair_count,
        block_kind <> 'name_branch_date' and name_count >= {{ var('identity_hub_min_names') }} as is_hub,
        (block_kind <> 'name_branch_date' and name_count >= {{ var('identity_hub_min_names') }})
        or (block_kind = 'name_branch_date' and record_count > {{ var('identity_max_block_size') }})
            as is_skipped
    from sized
)

select * from final
