{#
    Every candidate pair of profiles weighed (Fellegi-Sunter): the prior odds plus the match
    weight of each comparison's level (int_identity_match_weights), with a term-frequency
    adjustment where names agree exactly: "Smith" = "Smith" is weaker evidence than
    "Marshbrook" = "Marshbrook". The adjustment replaces the level's average u with the share
    of profiles carrying that name: log2(u / frequency). Weights and name frequencies are the
    pair's company's.

    match_probability = 1 / (1 + 2^-match_weight); is_match when it reaches
    var identity_match_min_probability, unless the pair is a household conflict: first names
    that differ (level 0, or only the distant similarity band of level 2: "Kevin" / "Steven")
    over a shared phone or email. A family shares a phone line or a
    mailbox; one person does not change first name (a nickname, a typo, an initial or a
    reversed name is not a contradiction). This is the one guard beside the weights: a shared
    contact is strong evidence, and without it a household would be one customer. evidence spells the levels that decided it
    ("first_name:5 last_name:4 email:3 phone:- ..."; "-" is missing on a side).
#}
{%- set comparisons = leadhub.identity_comparisons() %}
{%- set float = leadhub.type_double() %}
with

candidate_pairs as (
    select * from {{ ref('int_identity_candidate_pairs') }}
),

profiles as (
    select * from {{ ref('int_identity_profiles') }}
),

match_weights as (
    select * from {{ ref('int_identity_match_weights') }}
),

{% for position, column in [('first', 'first_key'), ('last', 'last_key')] %}
    {{ position }}_name_frequencies as (
        select
            company,
            {{ column }} as name_value,
            cast(count(*) as {{ float }})
            / sum(count(*)) over (partition by company) as name_frequency
        from profiles
        where {{ column }} is not null
        group by company, {{ column }}
    ),

{% endfor %}
prior_odds as (
    select
        company,
        max(prior_match_weight) as prior_match_weight
    from match_weights
    group by company
),

-- One pass over the pairs: the level weights, and the term-frequency adjustments of exactly
-- equal names (the level's own u is the average one it replaces).
weighed as (
    select
        candidate_pairs.*,
        prior_odds.prior_match_weight
        {%- for comparison in comparisons %}
            + coalesce({{ comparison }}_weights.match_weight, 0)
        {%- endfor %}
        + case
            when candidate_pairs.first_name_level = 5
                then {{ leadhub.log2('first_name_weights.u_probability / first_name_frequencies.name_frequency') }}
            else 0
        end
        + case
            when candidate_pairs.last_name_level = 4
                then {{ leadhub.log2('last_name_weights.u_probability / last_name_frequencies.name_frequency') }}
            else 0
        end as match_weight
    from candidate_pairs
    inner join prior_odds
        on candidate_pairs.company = prior_odds.company
    inner join profiles as a
        on candidate_pairs.profile_key_a = a.profile_key
    left join first_name_frequencies
        on a.company = first_name_frequencies.company and a.first_key = first_name_frequencies.name_value
    left join last_name_frequencies
        on a.company = last_name_frequencies.company and a.last_key = last_name_frequencies.name_value
    {%- for comparison in comparisons %}
        left join match_weights as {{ comparison }}_weights
            on
                candidate_pairs.company = {{ comparison }}_weights.company
                and {{ comparison }}_weights.comparison = '{{ comparison }}'
                and candidate_pairs.{{ comparison }}_level = {{ comparison }}_weights.comparison_level
    {%- endfor %}
),

final as (
    select
        company,
        profile_key_a,
        profile_key_b,
        {%- for comparison in comparisons %}
            {{ comparison }}_level,
        {%- endfor %}
        is_name_swapped,
        match_weight,
        1.0 / (1.0 + power(2.0, -least(greatest(match_weight, -60.0), 60.0))) as match_probability,
        coalesce(first_name_level in (0, 2) and (phone_level = 1 or email_level = 2), false)
            as is_household_conflict,
        1.0 / (1.0 + power(2.0, -least(greatest(match_weight, -60.0), 60.0)))
        >= {{ var('identity_match_min_probability') }}
        and not coalesce(first_name_level in (0, 2) and (phone_level = 1 or email_level = 2), false) as is_match,
        {% for comparison in comparisons -%}
            '{{ comparison }}:' || coalesce(cast({{ comparison }}_level as {{ dbt.type_string() }}), '-')
            {{- " || ' ' ||" if not loop.last }}
        {% endfor -%}
            as evidence
    from weighed
)

select * from final
