{#
    The comparisons identity resolution makes, one row per candidate pair, each inside a
    blocking key (never all pairs):

      email, phone, address  records sharing a normalized email, phone or street address.
                             Records with the same name in a block are one "profile" (they
                             link to its anchor record without a comparison); profiles are
                             compared pairwise. A value shared by var identity_hub_min_names
                             or more different names (an agency's phone, an office email) is
                             a hub: its block makes no pairs (see int_identity_blocks).
      name_branch_date       a record with no quote number (a bad lead, a CRM customer) and
                             any record with the same first (formal) name and surname in the
                             same branch, received within var identity_name_match_max_days.
                             Blocks larger than var identity_max_block_size make no pairs.

    is_match says whether the pair is an identity edge: first and last names compatible
    (macros/identity/name_compatibility.sql); for email, a record without a name also matches.
#}
with

block_keys as (
    select * from {{ ref('int_identity_block_keys') }}
),

blocks as (
    select * from {{ ref('int_identity_blocks') }}
),

usable_keys as (
    select block_keys.*
    from block_keys
    inner join blocks
        on
            block_keys.block_kind = blocks.block_kind
            and block_keys.block_value = blocks.block_value
    where not blocks.is_skipped
),

profiles as (
    select distinct
        block_kind,
        block_value,
        profile_anchor_key,
        first_key,
        first_canonical,
        last_key
    from usable_keys
    where block_kind <> 'name_branch_date'
),

contact_pairs as (
    select
        a.block_kind,
        a.block_value,
        a.profile_anchor_key as record_key_a,
        b.profile_anchor_key as record_key_b,
        a.first_key as first_key_a,
        b.first_key as first_key_b,
        a.last_key as last_key_a,
        b.last_key as last_key_b,
        {{ leadhub.first_names_compatible('a.first_key', 'a.first_canonical', 'b.first_key', 'b.first_canonical') }}
            as is_first_name_compatible,
        {{ leadhub.last_names_compatible('a.last_key', 'b.last_key') }} as is_last_name_compatible,
        a.first_key is null or b.first_key is null as is_name_missing
    from profiles as a
    inner join profiles as b
        on
            a.block_kind = b.block_kind
            and a.block_value = b.block_value
            and a.profile_anchor_key < b.profile_anchor_key
),

name_records as (
    select * from usable_keys
    where block_kind = 'name_branch_date'
),

name_pairs as (
    select
        a.block_kind,
        a.block_value,
        a.record_key as record_key_a,
        b.record_key as record_key_b,
        a.first_key as first_key_a,
        b.first_key as first_key_b,
        a.last_key as last_key_a,
        b.last_key as last_key_b,
        true as is_first_name_compatible,
        true as is_last_name_compatible,
        false as is_name_missing
    from name_records as a
    inner join name_records as b
        on
            a.block_value = b.block_value
            and a.record_key <> b.record_key
            and (b.quote_number is not null or a.record_key < b.record_key)
    where
        a.quote_number is null
        and abs({{ dbt.datediff('a.event_at', 'b.event_at', 'day') }})
        <= {{ var('identity_name_match_max_days') }}
),

final as (
    select
        block_kind,
        block_value,
        record_key_a,
        record_key_b,
        first_key_a,
        first_key_b,
        last_key_a,
        last_key_b,
        is_first_name_compatible,
        is_last_name_compatible,
        coalesce(is_first_name_compatible and is_last_name_compatible, false)
        or (block_kind = 'email' and is_name_missing) as is_match
    from contact_pairs
    union all
    select
        block_kind,
        block_value,
        record_key_a,
        record_key_b,
        first_key_a,
        first_key_b,
        last_key_a,
        last_key_b,
        is_first_name_compatible,
        is_last_name_compatible,
        true as is_match
    from name_pairs
)

select * from final
