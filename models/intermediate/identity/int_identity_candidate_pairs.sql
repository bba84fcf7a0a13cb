{#
    The comparisons identity resolution makes, one row per candidate pair, each inside a
    blocking key of int_identity_block_keys (never all pairs):

      email, phone, address  records sharing a normalized email, phone or street address.
                             Records spelling the name the same way are one profile (they
                             link to its anchor without a comparison); profiles are compared
                             pairwise. Hubs (int_identity_blocks.is_hub) make no pairs.
      name_branch_date       a record without a quote number (a bad lead) against the records
                             of its branch with the same initials received within
                             var identity_name_match_max_days days.

    is_match (an identity edge, see int_identity_edges) needs compatible names
    (macros/identity/name_compatibility.sql):
      email             first names compatible (nickname, initial, near spelling) and surnames
                        compatible; a record without a name also matches
      phone, address    the same formal first name (households share these), or an initial when
                        only one first name in the block starts with it; compatible surnames
      name_branch_date  full first names (no initials) compatible, the same surname or a near
                        spelling of one of 5 letters or more, and no contradicting
                        contact: not both an email and a phone on each side that differ
                        (hub values ignored; one differing value may be a second address)
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

distinct_profiles as (
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

-- how many different full first names in the block an initial could stand for
initial_names as (
    select
        block_kind,
        block_value,
        substr(first_key, 1, 1) as initial,
        count(distinct first_canonical) as names_for_initial
    from distinct_profiles
    where length(first_key) > 1
    group by block_kind, block_value, substr(first_key, 1, 1)
),

profiles as (
    select
        distinct_profiles.*,
        coalesce(initial_names.names_for_initial, 0) as names_for_initial
    from distinct_profiles
    left join initial_names
        on
            distinct_profiles.block_kind = initial_names.block_kind
            and distinct_profiles.block_value = initial_names.block_value
            and substr(distinct_profiles.first_key, 1, 1) = initial_names.initial
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
        case
            when a.block_kind = 'email'
                then {{ leadhub.first_names_compatible(
                    'a.first_key', 'a.first_canonical', 'b.first_key', 'b.first_canonical'
                ) }}
            else
                {{ leadhub.same_first_name('a.first_canonical', 'b.first_canonical') }}
                or (
                    least(length(a.first_key), length(b.first_key)) = 1
                    and substr(a.first_key, 1, 1) = substr(b.first_key, 1, 1)
                    and a.names_for_initial = 1
                )
        end as is_first_name_compatible,
        {{ leadhub.last_names_compatible('a.last_key', 'b.last_key') }} as is_last_name_compatible,
        a.block_kind = 'email' and (a.first_key is null or b.first_key is null) as is_name_missing,
        false as is_contact_contradicting
    from profiles as a
    inner join profiles as b
        on
            a.block_kind = b.block_kind
            and a.block_value = b.block_value
            and a.profile_anchor_key < b.profile_anchor_key
),

hubs as (
    select
        block_kind,
        block_value
    from blocks
    where is_hub
),

-- contacts that can contradict a name match: hub values (an agency's email) say nothing
name_keys as (
    select
        usable_keys.*,
        case when hub_emails.block_value is null then usable_keys.email end as own_email,
        case when hub_phones.block_value is null then usable_keys.phone end as own_phone
    from usable_keys
    left join hubs as hub_emails
        on hub_emails.block_kind = 'email' and usable_keys.email = hub_emails.block_value
    left join hubs as hub_phones
        on hub_phones.block_kind = 'phone' and usable_keys.phone = hub_phones.block_value
    where usable_keys.block_kind = 'name_branch_date'
),

name_probes as (
    select * from name_keys
    where is_probe
),

name_members as (
    select * from name_keys
    where not is_probe
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
        {{ leadhub.first_names_compatible('a.first_key', 'a.first_canonical', 'b.first_key', 'b.first_canonical') }}
            as is_first_name_compatible,
        -- no contact vouches for these two: no initials ("M. Tran" is Matthew or Martha), and
        -- a misspelt surname needs at least 5 letters ("Hart" / "Hunt" are two people)
        length(a.first_key) > 1
        and length(b.first_key) > 1
        and (
            a.last_key = b.last_key
            or (
                least(length(a.last_key), length(b.last_key)) >= 5
                and {{ leadhub.last_names_compatible('a.last_key', 'b.last_key') }}
            )
        ) as is_last_name_compatible,
        false as is_name_missing,
        coalesce(a.own_email <> b.own_email and a.own_phone <> b.own_phone, false) as is_contact_contradicting
    from name_probes as a
    inner join name_members as b
        on
            a.block_value = b.block_value
            and a.record_key <> b.record_key
            -- two records without a quote meet twice (each probes the other): keep one
            and (b.quote_number is not null or a.record_key < b.record_key)
    where
        abs({{ dbt.datediff('a.event_at', 'b.event_at', 'day') }}) <= {{ var('identity_name_match_max_days') }}
),

all_pairs as (
    select * from contact_pairs
    union all
    select * from name_pairs
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
        is_contact_contradicting,
        coalesce(is_first_name_compatible, false) as is_first_name_compatible,
        coalesce(is_last_name_compatible, false) as is_last_name_compatible,
        (
            coalesce(is_first_name_compatible and is_last_name_compatible, false)
            or is_name_missing
        )
        and not is_contact_contradicting as is_match
    from all_pairs
)

select * from final
