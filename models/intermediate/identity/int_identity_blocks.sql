{#
    The blocking keys of identity resolution, one row per block, with its size: what bounds
    the comparisons int_identity_candidate_pairs makes, and the values it refuses to use.

      hub       a contact value (email, phone, street address) carried by
                var identity_hub_min_names different names: a moving agent's email, an office
                phone. It links nobody, and compares as missing.
      skipped   a hub, or a block of more than var identity_max_block_size profiles.

    max_pair_count is the number of profile pairs the block makes.
#}
with

block_keys as (
    select * from {{ ref('int_identity_block_keys') }}
),

sized as (
    select
        block_kind,
        block_value,
        count(*) as profile_count,
        count(distinct name_value) as name_count
    from block_keys
    group by block_kind, block_value
),

flagged as (
    select
        *,
        block_kind in ({{ leadhub.quoted_list(leadhub.identity_contact_blocking_rules()) }})
        and name_count >= {{ var('identity_hub_min_names') }} as is_hub
    from sized
),

final as (
    select
        block_kind,
        block_value,
        profile_count,
        name_count,
        cast(profile_count * (profile_count - 1) / 2 as bigint) as max_pair_count,
        is_hub,
        is_hub or profile_count > {{ var('identity_max_block_size') }} as is_skipped
    from flagged
)

select * from final
