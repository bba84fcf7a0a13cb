{#
    The identity graph: one row per edge between two records of one person, with the rule
    that made it and its confidence (seeds/identity_match_rules.csv; a rule with enabled =
    false makes no edges).

      quote                  every record of a quote number links to the quote's first record
      email, phone, address  every record links to its profile's anchor (same value, same
                             spelling of the name)
      <kind>_name_variant,   the matching pairs of int_identity_candidate_pairs
      name_branch_date
      manual                 seeds/identity_decisions.csv, decision = merge

    seeds/identity_decisions.csv wins over the rules: a record with decision = split loses
    every rule edge (it becomes a customer of its own unless a manual merge links it).
#}
with

records as (
    select * from {{ ref('int_identity_records') }}
),

block_keys as (
    select * from {{ ref('int_identity_block_keys') }}
),

blocks as (
    select * from {{ ref('int_identity_blocks') }}
),

candidate_pairs as (
    select * from {{ ref('int_identity_candidate_pairs') }}
),

rules as (
    select * from {{ ref('identity_match_rules') }}
),

decisions as (
    select * from {{ ref('identity_decisions') }}
),

quote_edges as (
    select
        record_key as record_key_a,
        min(record_key) over (partition by quote_number) as record_key_b,
        'quote' as match_method,
        cast(null as {{ dbt.type_string() }}) as decided_by
    from records
    where quote_number is not null
),

profile_edges as (
    select
        block_keys.record_key as record_key_a,
        block_keys.profile_anchor_key as record_key_b,
        block_keys.block_kind as match_method,
        cast(null as {{ dbt.type_string() }}) as decided_by
    from block_keys
    inner join blocks
        on
            block_keys.block_kind = blocks.block_kind
            and block_keys.block_value = blocks.block_value
    where
        not blocks.is_skipped
        and block_keys.block_kind <> 'name_branch_date'
),

pair_edges as (
    select
        record_key_a,
        record_key_b,
        case
            when block_kind = 'name_branch_date' then block_kind
            else block_kind || '_name_variant'
        end as match_method,
        cast(null as {{ dbt.type_string() }}) as decided_by
    from candidate_pairs
    where is_match
),

split_records as (
    select distinct record_key
    from decisions
    where lower(decision) = 'split'
),

rule_edges as (
    select * from quote_edges
    union all
    select * from profile_edges
    union all
    select * from pair_edges
),

kept_rule_edges as (
    select rule_edges.*
    from rule_edges
    where
        rule_edges.record_key_a <> rule_edges.record_key_b
        and not exists (
            select 1 from split_records as s
            where s.record_key in (rule_edges.record_key_a, rule_edges.record_key_b)
        )
),

manual_edges as (
    select
        record_key as record_key_a,
        other_record_key as record_key_b,
        'manual' as match_method,
        decided_by
    from decisions
    where lower(decision) = 'merge'
),

all_edges as (
    select * from kept_rule_edges
    union all
    select * from manual_edges
),

final as (
    select distinct
        all_edges.record_key_a,
        all_edges.record_key_b,
        all_edges.match_method,
        rules.confidence,
        coalesce(all_edges.decided_by, all_edges.match_method) as merged_by
    from all_edges
    inner join rules
        on all_edges.match_method = rules.match_method
    where rules.enabled
)

select * from final
