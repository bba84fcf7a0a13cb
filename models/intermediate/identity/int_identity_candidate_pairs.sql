{#
    The comparisons identity resolution makes: one row per pair of profiles that share at
    least one blocking key (int_identity_block_keys) in a block that is not skipped, never all
    pairs. found_by_<rule> says which blocking rules brought the pair together (a pair found
    by several rules is compared once).

    Each pair carries its comparison levels (macros/identity/evidence.sql,
    identity_pair_fields and identity_comparison_levels): int_identity_match_weights learns from them how much each
    level says, int_identity_pair_scores weighs them. A hub contact value (an agency's email)
    compares as missing: it is no evidence either way. Both profiles of a pair are of one
    company (blocks are per company).
#}
{{ config(pre_hook="{{ leadhub.prefer_hash_joins() }}") }}
{%- set rules = leadhub.identity_blocking_rules() %}
with

profiles as (
    select * from {{ ref('int_identity_profiles') }}
),

block_keys as (
    select * from {{ ref('int_identity_block_keys') }}
),

skipped_blocks as (
    select * from {{ ref('int_identity_blocks') }}
    where is_skipped
),

hubs as (
    select * from {{ ref('int_identity_blocks') }}
    where is_hub
),

-- an anti-join with the few skipped blocks: the planner keeps the keys' own statistics
usable_keys as {{ leadhub.inlined() }} (
    select
        block_keys.company,
        block_keys.block_kind,
        block_keys.block_value,
        block_keys.profile_number
    from block_keys
    left join skipped_blocks
        on
            block_keys.company = skipped_blocks.company
            and block_keys.block_kind = skipped_blocks.block_kind
            and block_keys.block_value = skipped_blocks.block_value
    where skipped_blocks.block_kind is null
),

-- Pairs are made of profile numbers (int_identity_profiles: in key order), which join, group
-- and compare several times faster than the keys.
pair_rules as (
    select
        a.profile_number as profile_number_a,
        b.profile_number as profile_number_b,
        a.block_kind
    from usable_keys as a
    inner join usable_keys as b
        on
            a.company = b.company
            and a.block_kind = b.block_kind
            and a.block_value = b.block_value
            and a.profile_number < b.profile_number
),

pairs as (
    select
        profile_number_a,
        profile_number_b,
        {%- for kind in rules %}
            max(case when block_kind = '{{ kind }}' then 1 else 0 end) = 1 as found_by_{{ kind }},
        {%- endfor %}
        -- a pair meets at most once per rule: each profile has one key per rule
        count(*) as rule_count
    from pair_rules
    group by profile_number_a, profile_number_b
),

-- hub contact values compare as missing
compared as {{ leadhub.inlined() }} (
    select
        profiles.profile_number,
        profiles.profile_key,
        profiles.company,
        profiles.first_key,
        profiles.first_canonical,
        profiles.last_key,
        profiles.email_domain,
        profiles.email_letters,
        profiles.email_digits,
        profiles.postcode_key,
        profiles.city_key,
        profiles.branch_id,
        profiles.event_at,
        case when hub_emails.block_value is null then profiles.email end as email,
        case when hub_emails.block_value is null then profiles.email_local_part end as email_local_part,
        case when hub_phones.block_value is null then profiles.phone end as phone,
        case when hub_streets.block_value is null then profiles.street_key end as street_key,
        case when hub_streets.block_value is null then profiles.street_number end as street_number,
        case when hub_streets.block_value is null then profiles.street_name_key end as street_name_key
    from profiles
    left join hubs as hub_emails
        on
            hub_emails.block_kind = 'email'
            and profiles.company = hub_emails.company
            and profiles.email = hub_emails.block_value
    left join hubs as hub_phones
        on
            hub_phones.block_kind = 'phone'
            and profiles.company = hub_phones.company
            and profiles.phone = hub_phones.block_value
    left join hubs as hub_streets
        on
            hub_streets.block_kind = 'address'
            and profiles.company = hub_streets.company
            and profiles.street_key = hub_streets.block_value
),

pair_fields as {{ leadhub.computed_once() }} (
    select
        pairs.*,
        a.company,
        a.profile_key as profile_key_a,
        b.profile_key as profile_key_b,
        {{ leadhub.identity_pair_fields('a', 'b') | indent(8) }}
    from pairs
    inner join compared as a
        on pairs.profile_number_a = a.profile_number
    inner join compared as b
        on pairs.profile_number_b = b.profile_number
),

final as (
    select
        company,
        profile_key_a,
        profile_key_b,
        {%- for kind in rules %}
            found_by_{{ kind }},
        {%- endfor %}
        rule_count,
        {{ leadhub.identity_comparison_levels() | indent(8) }}
    from pair_fields
)

select * from final
