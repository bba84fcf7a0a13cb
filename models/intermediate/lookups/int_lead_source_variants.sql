{#
    Every referral source as written (and every bad-lead provider), mapped to a lead source
    and category by seeds/lead_source_rules.csv: the rule with the lowest priority wins, the
    longest pattern breaking ties. A source no rule matches becomes a lead source of its own
    (category other, is_mapped false) rather than a guess.
#}
with

lead_status as (
    select * from {{ ref('stg_crm__lead_status_history') }}
),

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities_history') }}
),

lost_leads as (
    select * from {{ ref('stg_crm__lost_leads_history') }}
),

jobs as (
    select * from {{ ref('stg_crm__jobs_history') }}
),

bad_leads as (
    select * from {{ ref('stg_crm__bad_leads_history') }}
),

rules as (
    select * from {{ ref('lead_source_rules') }}
),

observed as (
    select referral_source as source_text from lead_status
    union all
    select referral_source as source_text from booked_opportunities
    union all
    select referral_source as source_text from lost_leads
    union all
    select referral_source as source_text from jobs
    union all
    select provider_name as source_text from bad_leads
),

variants as (
    select
        source_text,
        count(*) as row_count,
        {{ leadhub.regex_replace("lower(" ~ leadhub.strip_accents('source_text') ~ ")", '[^a-z0-9]', '') }}
            as match_key
    from observed
    where source_text is not null
    group by source_text
),

matches as (
    select
        variants.source_text,
        rules.lead_source,
        rules.category,
        rules.pattern,
        row_number() over (
            partition by variants.source_text
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
        variants.source_text,
        variants.match_key,
        variants.row_count,
        matches.pattern as matched_pattern,
        coalesce(matches.lead_source, variants.source_text) as lead_source_name,
        coalesce(matches.category, 'other') as category,
        matches.lead_source is not null as is_mapped,
        md5(lower(coalesce(matches.lead_source, variants.source_text))) as lead_source_id
    from variants
    left join matches
        on
            variants.source_text = matches.source_text
            and matches.rule_rank = 1
)

select * from final
