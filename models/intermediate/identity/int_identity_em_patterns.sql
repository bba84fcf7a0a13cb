{#
    The expectation-maximisation of int_identity_match_weights works on patterns, not pairs:
    one row per training session (a blocking rule), distinct comparison vector and compared
    field, with how many candidate pairs of the session show that vector.

    A session leaves out the comparisons its blocking rule fixes (a pair found by its shared
    email says nothing about how often one person's records share an email): their level is
    null in the session's vectors and they get no row. Comparison '__prior' (level 0) is one
    row per pattern that carries the session's match share in the rounds.

    Per company: every company's weights are learnt from its own pairs, so loading another
    company never changes its customers.
#}
{%- set comparisons = leadhub.identity_comparisons() %}
{%- set rules = leadhub.identity_blocking_rules() %}
{%- set pattern_parts = ['company', 'training_session'] %}
{%- for comparison in comparisons %}
    {%- do pattern_parts.append("coalesce(cast(" ~ comparison ~ "_level as " ~ dbt.type_string() ~ "), '-')") %}
{%- endfor %}
with

candidate_pairs as (
    select * from {{ ref('int_identity_candidate_pairs') }}
),

-- one training session per blocking rule: its pairs, without the comparisons it fixes
session_patterns as (
    {%- for kind, (expression, fixed) in rules.items() %}
        {%- set compared = [] %}
        {%- for comparison in comparisons if comparison not in fixed %}
            {%- do compared.append(comparison ~ '_level') %}
        {%- endfor %}
        select
            company,
            '{{ kind }}' as training_session,
            {%- for comparison in comparisons %}
                {%- if comparison in fixed %}
                    cast(null as integer) as {{ comparison }}_level,
                {%- else %}
                    {{ comparison }}_level,
                {%- endif %}
            {%- endfor %}
            count(*) as pair_count
        from candidate_pairs
        where found_by_{{ kind }}
        group by
            company,
            {{ compared | join(',\n            ') }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- a pattern's id names its session and vector, the same on every engine (an order of text
-- and nulls is not: collations differ, and so does where nulls sort)
numbered_patterns as (
    select
        *,
        md5({{ pattern_parts | join(" || '|' || ") }}) as pattern_id
    from session_patterns
),

-- the patterns in long form
final as (
    {%- for comparison in comparisons %}
        select
            company,
            training_session,
            pattern_id,
            pair_count,
            '{{ comparison }}' as comparison,
            {{ comparison }}_level as comparison_level
        from numbered_patterns
        where {{ comparison }}_level is not null
        union all
    {%- endfor %}
    select
        company,
        training_session,
        pattern_id,
        pair_count,
        '__prior' as comparison,
        0 as comparison_level
    from numbered_patterns
)

select * from final
