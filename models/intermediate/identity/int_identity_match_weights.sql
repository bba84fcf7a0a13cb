{#
    How much each comparison level says about two profiles being one person, learnt from the
    data itself (Fellegi-Sunter, as in Splink). One row per comparison and level
    (macros/identity/evidence.sql, identity_comparisons):

      u_probability  how often two different people agree at this level
                     (int_identity_u_probabilities: a random sample of profile pairs)
      m_probability  how often one person's two profiles agree at this level: estimated by
                     expectation-maximisation over the candidate pairs' patterns
                     (int_identity_em_patterns: one training session per blocking rule,
                     without the comparisons it fixes); var identity_em_iterations rounds, u
                     held fixed.
                     A comparison's m pools the expected matches of every session that
                     compares it.
      match_weight   log2(m / u): the bits of evidence the level adds.

    prior_match_weight is log2 of the prior odds that two profiles are one person: the most
    matches any one session expects, over all pairs of profiles (a lower bound, so a cautious
    prior).

    Everything is per company (one row per company, comparison and level): a company's
    weights are learnt from its own pairs alone.

    The rounds are stages (macros/cross_engine/stages.sql): one CTE each on DuckDB and
    PostgreSQL, one work table each on Spark.
#}
{%- set float = leadhub.type_double() %}
with

profiles as (
    select * from {{ ref('int_identity_profiles') }}
),

{# the CTEs up to the last round are stages (macros/cross_engine/stages.sql) #}
{% set patterns %}
    select * from {{ ref('int_identity_em_patterns') }}
{% endset %}
{{ leadhub.stage('patterns', patterns, materialize=false) }}

{% set u_probabilities %}
    select * from {{ ref('int_identity_u_probabilities') }}
{% endset %}
{{ leadhub.stage('u_probabilities', u_probabilities, materialize=false) }}

{% set level_grid %}
    {{ leadhub.identity_level_grid() | indent(4) }}
{% endset %}
{{ leadhub.stage('level_grid', level_grid, materialize=false) }}

{% set companies %}
    select distinct company
    from {{ ref('int_identity_profiles') }}
{% endset %}
{{ leadhub.stage('companies', companies, materialize=false) }}

{% set parameters_0 %}
    select distinct
        patterns.company,
        patterns.training_session,
        patterns.comparison,
        patterns.comparison_level,
        cast(case
            when patterns.comparison = '__prior' then 0.5
            when level_grid.is_top_level then 0.9
            else 0.1 / (level_grid.level_count - 1)
        end as {{ float }}) as m_probability,
        cast(0 as {{ float }}) as match_mass
    from patterns
    left join level_grid
        on
            patterns.comparison = level_grid.comparison
            and patterns.comparison_level = level_grid.comparison_level
{% endset %}
{{ leadhub.stage('parameters_0', parameters_0, materialize=false) }}

{% for iteration in range(1, var('identity_em_iterations') + 1) %}
    {% set posterior %}
        select
            patterns.company,
            patterns.training_session,
            patterns.pattern_id,
            1.0 / (1.0 + exp(-least(greatest(sum(
                case
                    when patterns.comparison = '__prior'
                        then ln(previous.m_probability / (1.0 - previous.m_probability))
                    else ln(previous.m_probability) - ln(u_probabilities.u_probability)
                end
            ), -40.0), 40.0))) as match_probability
        from patterns
        inner join parameters_{{ iteration - 1 }} as previous
            on
                patterns.company = previous.company
                and patterns.training_session = previous.training_session
                and patterns.comparison = previous.comparison
                and patterns.comparison_level = previous.comparison_level
        left join u_probabilities
            on
                patterns.company = u_probabilities.company
                and patterns.comparison = u_probabilities.comparison
                and patterns.comparison_level = u_probabilities.comparison_level
        group by patterns.company, patterns.training_session, patterns.pattern_id
    {% endset %}
    {{ leadhub.stage('posterior_' ~ iteration, posterior) }}

    {% set parameters %}
        select
            patterns.company,
            patterns.training_session,
            patterns.comparison,
            patterns.comparison_level,
            case
                when patterns.comparison = '__prior'
                    then least(
                        greatest(
                            sum(patterns.pair_count * posterior.match_probability) / sum(patterns.pair_count),
                            0.000001
                        ),
                        0.999999
                    )
                else
                    greatest(sum(patterns.pair_count * posterior.match_probability), 0.000001)
                    / sum(greatest(sum(patterns.pair_count * posterior.match_probability), 0.000001)) over (
                        partition by patterns.company, patterns.training_session, patterns.comparison
                    )
            end as m_probability,
            sum(patterns.pair_count * posterior.match_probability) as match_mass
        from patterns
        inner join posterior_{{ iteration }} as posterior
            on
                patterns.company = posterior.company
                and patterns.training_session = posterior.training_session
                and patterns.pattern_id = posterior.pattern_id
        group by patterns.company, patterns.training_session, patterns.comparison, patterns.comparison_level
    {% endset %}
    {{ leadhub.stage('parameters_' ~ iteration, parameters) }}

{% endfor %}
estimated as (
    select * from parameters_{{ var('identity_em_iterations') }}
),

pooled_masses as (
    select
        company,
        comparison,
        comparison_level,
        sum(match_mass) as match_mass,
        count(*) as session_count
    from estimated
    where comparison <> '__prior'
    group by company, comparison, comparison_level
),

m_shares as (
    {{ leadhub.identity_level_shares('pooled_masses', 'match_mass', 0.000001, 'companies') | indent(4) }}
),

m_probabilities as (
    select
        m_shares.company,
        m_shares.comparison,
        m_shares.comparison_level,
        m_shares.share as m_probability,
        coalesce(pooled_masses.session_count, 0) as session_count
    from m_shares
    left join pooled_masses
        on
            m_shares.company = pooled_masses.company
            and m_shares.comparison = pooled_masses.comparison
            and m_shares.comparison_level = pooled_masses.comparison_level
),

profile_count as (
    select
        company,
        cast(count(*) as {{ float }}) as profile_count
    from profiles
    group by company
),

expected_matches as (
    select
        company,
        max(match_mass) as match_count
    from estimated
    where comparison = '__prior'
    group by company
),

prior_odds as (
    select
        profile_count.company,
        least(
            greatest(coalesce(expected_matches.match_count, 0), 1.0)
            / greatest(profile_count.profile_count * (profile_count.profile_count - 1) / 2, 1.0),
            0.5
        ) as prior_match_probability
    from profile_count
    left join expected_matches
        on profile_count.company = expected_matches.company
),

final as (
    select
        m_probabilities.company,
        m_probabilities.comparison,
        m_probabilities.comparison_level,
        m_probabilities.m_probability,
        u_probabilities.u_probability,
        {{ leadhub.log2('m_probabilities.m_probability / u_probabilities.u_probability') }} as match_weight,
        m_probabilities.session_count,
        prior_odds.prior_match_probability,
        {{ leadhub.log2('prior_odds.prior_match_probability / (1.0 - prior_odds.prior_match_probability)') }}
            as prior_match_weight
    from m_probabilities
    inner join u_probabilities
        on
            m_probabilities.company = u_probabilities.company
            and m_probabilities.comparison = u_probabilities.comparison
            and m_probabilities.comparison_level = u_probabilities.comparison_level
    inner join prior_odds
        on m_probabilities.company = prior_odds.company
)

select * from final
