{#
    The identity graph: one row per edge between two records of one person, with the rule
    that made it and its confidence (seeds/identity_match_rules.csv; a rule with enabled =
    false makes no edges).

      quote     every record of a quote number links to the quote's first record
      profile   every record links to its profile's first record (the same spelling of the
                name with the same email, phone, street and postcode; int_identity_records)
      evidence  two profiles whose match probability reaches
                var identity_match_min_probability (int_identity_pair_scores); confidence is
                that probability and evidence the comparison levels that decided it
      manual    seeds/identity_decisions.csv, decision = merge

    seeds/identity_decisions.csv wins over the rules: a record with decision = split loses
    every rule edge (it becomes a customer of its own unless a manual merge links it).

    No edge joins two companies: quote numbers are per company, profiles and candidate pairs
    never span one, and a manual merge of two companies' records (record keys of another
    company than the default start "<company>/") is ignored.
#}
with

records as (
    select * from {{ ref('int_identity_records') }}
),

pair_scores as (
    select * from {{ ref('int_identity_pair_scores') }}
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
        min(record_key) over (partition by company, quote_number) as record_key_b,
        'quote' as match_method,
        cast(null as {{ leadhub.type_double() }}) as match_probability,
        cast(null as {{ dbt.type_string() }}) as evidence,
        cast(null as {{ dbt.type_string() }}) as decided_by
    from records
    where quote_number is not null
),

profile_edges as (
    select
        record_key as record_key_a,
        profile_key as record_key_b,
        'profile' as match_method,
        cast(null as {{ leadhub.type_double() }}) as match_probability,
        cast(null as {{ dbt.type_string() }}) as evidence,
        cast(null as {{ dbt.type_string() }}) as decided_by
    from records
),

evidence_edges as (
    select
        profile_key_a as record_key_a,
        profile_key_b as record_key_b,
        'evidence' as match_method,
        match_probability,
        evidence,
        cast(null as {{ dbt.type_string() }}) as decided_by
    from pair_scores
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
    select * from evidence_edges
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
        decisions.record_key as record_key_a,
        decisions.other_record_key as record_key_b,
        'manual' as match_method,
        cast(null as {{ leadhub.type_double() }}) as match_probability,
        cast(null as {{ dbt.type_string() }}) as evidence,
        decisions.decided_by
    from decisions
    left join records as a
        on decisions.record_key = a.record_key
    left join records as b
        on decisions.other_record_key = b.record_key
    where
        lower(decisions.decision) = 'merge'
        and not coalesce(a.company <> b.company, false)
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
        cast(coalesce(all_edges.match_probability, rules.confidence) as decimal(5, 4)) as confidence,
        all_edges.evidence,
        coalesce(all_edges.decided_by, all_edges.match_method) as merged_by
    from all_edges
    inner join rules
        on all_edges.match_method = rules.match_method
    where rules.enabled
)

select * from final
