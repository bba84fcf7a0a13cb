{#
    Every referral source as written (and every bad-lead provider), mapped to a lead source
    and category by seeds/lead_source_rules.csv: the rule with the lowest priority wins, the
    longest pattern breaking ties. A source no rule matches becomes a lead source of its own
    (is_mapped false) rather than a guess, in category other, or the category var
    lead_source_unmapped_category_by_module gives the module naming it (bad leads' providers:
    partner). int_lookup_review lists them for a person to add a rule. Lead sources are per
    company (the rules apply to every company).
#}
with

mentions as (
    select * from {{ ref('stg_crm__entity_mentions') }}
    where entity_kind = 'lead_source'
),

rules as (
    select * from {{ ref('lead_source_rules') }}
),

observed as (
    select
        company,
        mention as source_text,
        module
    from mentions
),

variants as (
    select
        company,
        source_text,
        count(*) as row_count,
        -- the category of a source no rule knows: by the module that names it (a bad lead's
        -- Provider is a lead-gen partner), else other
        coalesce(
            {%- for module, category in var('lead_source_unmapped_category_by_module').items() %}
                max(case when module = '{{ module }}' then '{{ category }}' end),
            {%- endfor %}
            'other'
        ) as unmapped_category,
        {{ leadhub.regex_replace("lower(" ~ leadhub.strip_accents('source_text') ~ ")", '[^a-z0-9]', '') }}
            as match_key
    from observed
    where source_text is not null
    group by company, source_text
),

matches as (
    select
        variants.company,
        variants.source_text,
        rules.lead_source,
        rules.category,
        rules.pattern,
        row_number() over (
            partition by variants.company, variants.source_text
            order by rules.priority asc, length(rules.pattern) desc, rules.pattern
        ) as rule_rank
    from variants
    inner join rules
        on
            (rules.match = 'exact' and variants.match_key = rules.pattern)
            or (rules.match = 'contains' and position(rules.pattern in variants.match_key) > 0)
),

final as (
    select
        variants.company,
        variants.source_text,
        variants.match_key,
        variants.row_count,
        matches.pattern as matched_pattern,
        coalesce(matches.lead_source, variants.source_text) as lead_source_name,
        coalesce(matches.category, variants.unmapped_category) as category,
        matches.lead_source is not null as is_mapped,
        md5({{ leadhub.company_scoped(
            'lower(coalesce(matches.lead_source, variants.source_text))', 'variants.company'
        ) }}) as lead_source_id
    from variants
    left join matches
        on
            variants.company = matches.company
            and variants.source_text = matches.source_text
            and matches.rule_rank = 1
)

select * from final
