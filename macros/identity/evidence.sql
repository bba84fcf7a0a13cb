{#
    Identity resolution by evidence (Fellegi-Sunter): which keys bring two person profiles
    together (blocking rules) and how a pair's fields are compared (comparison levels).
    int_identity_block_keys, int_identity_candidate_pairs, int_identity_match_weights and
    int_identity_pair_scores all read these declarations; nothing else restates them.

    identity_blocking_rules(): kind -> (key expression over a profile, comparisons it fixes).
      A pair of profiles sharing a key value is compared. The union of the rules survives
      typos in any one field: a misspelt surname still meets through first name + postcode, a
      reversed name through its sorted tokens, a new email through the phone. While the
      weights are estimated (int_identity_match_weights), every rule is one training session
      whose fixed comparisons are left out: a pair found by its shared email says nothing about
      how often matches share an email.
      Contact rules (email, phone, address) skip hub values: a value carried by
      var identity_hub_min_names different names (an agent's email, an office phone). Every
      rule skips a block of more than var identity_max_block_size profiles.

    identity_comparisons(): comparison -> its levels, highest agreement first. Level 0 is
      disagreement; a missing value on either side is null (no evidence either way).
#}

{% macro identity_blocking_rules() -%}
    {%- set sorted_name -%}
        least(first_key, last_key) || ' ' || greatest(first_key, last_key)
    {%- endset -%}
    {%- set sorted_prefixes -%}
        least(substr(first_key, 1, 3), substr(last_key, 1, 3))
        || ' ' || greatest(substr(first_key, 1, 3), substr(last_key, 1, 3))
    {%- endset -%}
    {#- where a person lives or is served: the branch, else the postcode's first two characters #}
    {%- set area = "coalesce(branch_id, substr(postcode_key, 1, 2))" -%}
    {{ return({
        'email': ('email', ['email']),
        'phone': ('phone', ['phone']),
        'address': ('street_key', ['street_number', 'street_name']),
        'name_tokens': (sorted_name, ['first_name', 'last_name']),
        'name_prefixes_area': (sorted_prefixes ~ " || ' ' || " ~ area, ['first_name', 'last_name', 'branch']),
        'last_name_postcode': ("last_key || ' ' || postcode_key", ['last_name', 'postcode']),
        'first_name_postcode': ("first_key || ' ' || postcode_key", ['first_name', 'postcode']),
        'number_postcode': ("street_number || ' ' || postcode_key", ['street_number', 'postcode']),
        'last_name_street': ("last_key || ' ' || street_name_key", ['last_name', 'street_name']),
        'last_name_number': ("last_key || ' ' || street_number", ['last_name', 'street_number']),
        'first_name_number': ("first_key || ' ' || street_number", ['first_name', 'street_number']),
        'street_postcode': ("substr(street_name_key, 1, 5) || ' ' || postcode_key", ['street_name', 'postcode']),
        'number_street': ("street_number || ' ' || substr(street_name_key, 1, 4)", ['street_number', 'street_name']),
        'first_name_street': ("first_key || ' ' || substr(street_name_key, 1, 5)", ['first_name', 'street_name']),
        'number_city': ("street_number || ' ' || city_key", ['street_number', 'city']),
    }) }}
{%- endmacro %}

{% macro identity_contact_blocking_rules() -%}
    {{ return(['email', 'phone', 'address']) }}
{%- endmacro %}

{% macro identity_comparisons() -%}
    {{ return({
        'first_name': [5, 4, 3, 2, 1, 0],
        'last_name': [4, 3, 2, 1, 0],
        'email': [2, 1, 0],
        'phone': [1, 0],
        'street_number': [1, 0],
        'street_name': [3, 2, 1, 0],
        'postcode': [2, 1, 0],
        'city': [2, 1, 0],
        'event_time': [2, 1, 0],
        'branch': [1, 0],
    }) }}
{%- endmacro %}

{#
    identity_exact_level(field): 1 when both sides' <field>_a and <field>_b are equal, 0 when
    they differ, null when either is missing.
#}
{% macro identity_exact_level(field) -%}
    case
        when {{ field }}_a is null or {{ field }}_b is null then null
        when {{ field }}_a = {{ field }}_b then 1
        else 0
    end
{%- endmacro %}

{#
    identity_level_shares(counts, count_column, floor, companies): per company (a CTE of
    `company` values), comparison and level of the grid (a CTE named level_grid), the level's
    share of the comparison's count_column in the CTE `counts` (company, comparison,
    comparison_level, count_column), a level never counted counting as `floor`: the u and m
    probabilities. Every company's are its own.
#}
{% macro identity_level_shares(counts, count_column, floor, companies) -%}
    select
        {{ companies }}.company,
        level_grid.comparison,
        level_grid.comparison_level,
        cast(greatest(coalesce({{ counts }}.{{ count_column }}, 0), {{ floor }}) as {{ leadhub.type_double() }})
        / sum(greatest(coalesce({{ counts }}.{{ count_column }}, 0), {{ floor }})) over (
            partition by {{ companies }}.company, level_grid.comparison
        ) as share
    from level_grid
    cross join {{ companies }}
    left join {{ counts }}
        on
            {{ companies }}.company = {{ counts }}.company
            and level_grid.comparison = {{ counts }}.comparison
            and level_grid.comparison_level = {{ counts }}.comparison_level
{%- endmacro %}

{#
    identity_level_grid(): one row per comparison and level (comparison, comparison_level,
    is_top_level, level_count), the frame the weights are estimated in.
#}
{% macro identity_level_grid() -%}
    {%- for comparison, levels in leadhub.identity_comparisons().items() %}
        {%- set outer_loop = loop %}
        {%- for level in levels %}
select
    '{{ comparison }}' as comparison,
    {{ level }} as comparison_level,
    {{ level == levels | max }} as is_top_level,
    {{ levels | length }} as level_count
            {%- if not (outer_loop.last and loop.last) %}
union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
{%- endmacro %}

{#
    Comparing a pair takes two steps (two CTEs), so that the costly alignment of names is
    computed once per pair:
      identity_pair_fields(a, b)    both profiles' compared fields side by side (<field>_a,
                                    <field>_b) and the similarities of their names (straight
                                    and crossed), streets and cities, each computed once;
      identity_comparison_levels()  is_name_swapped and the levels, over those columns.
    Names are aligned first: when a's first name is nearer b's surname and a's surname
    nearer b's first name ("Marshbrook Rania" / "Rania Marshbrook"), a's first name compares
    with b's surname (is_name_swapped).

      first_name  5 equal; 4 the same formal name (seeds/nicknames.csv) or a short form of at
                  least 3 letters; 3 similarity >= var identity_name_close_similarity (a typo);
                  2 similarity >= var identity_name_far_similarity; 1 an initial of the other;
                  0 different
      last_name   4 equal; 3 and 2 the two similarity bands; 1 an initial; 0 different
      email       2 equal; 1 a typo: the same provider and digits, the letters of the local part
                  (5 or more) one edit apart; 0 different. A local part is usually made of the name:
                  "ann.lee@" and "annlee71@" are as likely two Ann Lees as one, so nearness
                  beyond a typo is no evidence of its own.
      phone       1 equal; 0 different
      street_number 1 equal; 0 different
      street_name 3 equal (letters only: "Dallas Place" = "Dallasplace"); 2 and 1 the two
                  similarity bands; 0 different
      postcode    2 equal; 1 one character apart; 0 different
      city        2 equal; 1 similarity >= var identity_name_close_similarity; 0 different
      branch      1 the same branch; 0 different
      event_time  2 within var identity_time_close_days days; 1 within
                  var identity_time_far_days days; 0 further apart
#}
{#
    Edit distances are the costliest part of a comparison, and most candidate pairs (those a
    shared name brought together) spell both names alike. An equal value's similarity is 1
    without computing it; when both names are equal the crossed similarities cannot make the
    pair swapped (they sum to at most 2, the straight ones to exactly 2), so they are not
    computed (0). Levels are the same either way: equal values are graded before any
    similarity is read.
#}
{% macro identity_pair_fields(a, b) -%}
    {%- set both_names_equal = a ~ '.first_key = ' ~ b ~ '.first_key and ' ~ a ~ '.last_key = ' ~ b ~ '.last_key' -%}
    {%- for field in identity_compared_fields() %}
    {{ a }}.{{ field }} as {{ field }}_a,
    {{ b }}.{{ field }} as {{ field }}_b,
    {%- endfor %}
    {%- for x, y in [('first', 'first'), ('last', 'last')] %}
    {{ leadhub._similarity_unless_equal(a ~ '.' ~ x ~ '_key', b ~ '.' ~ y ~ '_key') }} as {{ x }}_{{ y }}_similarity,
    {%- endfor %}
    {%- for x, y in [('first', 'last'), ('last', 'first')] %}
    case
        when {{ both_names_equal }} then 0.0
        else {{ leadhub.name_similarity(a ~ '.' ~ x ~ '_key', b ~ '.' ~ y ~ '_key') }}
    end as {{ x }}_{{ y }}_similarity,
    {%- endfor %}
    {{ leadhub._similarity_unless_equal(a ~ '.street_name_key', b ~ '.street_name_key') }} as street_name_similarity,
    {{ leadhub._similarity_unless_equal(a ~ '.city_key', b ~ '.city_key') }} as city_similarity
{%- endmacro %}

{% macro _similarity_unless_equal(x, y) -%}
    case
        when {{ x }} = {{ y }} and {{ x }} <> '' then 1.0
        else {{ leadhub.name_similarity(x, y) }}
    end
{%- endmacro %}

{% macro identity_compared_fields() -%}
    {{ return([
        'first_key', 'first_canonical', 'last_key', 'email', 'email_domain', 'email_letters',
        'email_digits', 'phone', 'street_number', 'street_name_key', 'postcode_key', 'city_key',
        'branch_id', 'event_at',
    ]) }}
{%- endmacro %}

{% macro identity_comparison_levels() -%}
    {%- set swapped -%}
        (
            coalesce(first_last_similarity, 0) + coalesce(last_first_similarity, 0)
            > coalesce(first_first_similarity, 0) + coalesce(last_last_similarity, 0)
        )
    {%- endset -%}
    {%- set b_first = '(case when ' ~ swapped ~ ' then last_key_b else first_key_b end)' -%}
    {%- set b_last = '(case when ' ~ swapped ~ ' then first_key_b else last_key_b end)' -%}
    {%- set first_similarity = '(case when ' ~ swapped ~ ' then first_last_similarity else first_first_similarity end)' -%}
    {%- set last_similarity = '(case when ' ~ swapped ~ ' then last_first_similarity else last_last_similarity end)' -%}
    {%- set close = var('identity_name_close_similarity') -%}
    {%- set far = var('identity_name_far_similarity') -%}
    {{ swapped }} as is_name_swapped,
    case
        when first_key_a is null or {{ b_first }} is null then null
        when first_key_a = {{ b_first }} then 5
        when
            (first_canonical_a = first_canonical_b and not {{ swapped }})
            or (
                least(length(first_key_a), length({{ b_first }})) >= 3
                and (
                    first_key_a = substr({{ b_first }}, 1, length(first_key_a))
                    or {{ b_first }} = substr(first_key_a, 1, length({{ b_first }}))
                )
            )
            then 4
        when least(length(first_key_a), length({{ b_first }})) = 1
            then case when substr(first_key_a, 1, 1) = substr({{ b_first }}, 1, 1) then 1 else 0 end
        when {{ first_similarity }} >= {{ close }} then 3
        when {{ first_similarity }} >= {{ far }} then 2
        else 0
    end as first_name_level,
    case
        when last_key_a is null or {{ b_last }} is null then null
        when last_key_a = {{ b_last }} then 4
        when least(length(last_key_a), length({{ b_last }})) = 1
            then case when substr(last_key_a, 1, 1) = substr({{ b_last }}, 1, 1) then 1 else 0 end
        when {{ last_similarity }} >= {{ close }} then 3
        when {{ last_similarity }} >= {{ far }} then 2
        else 0
    end as last_name_level,
    case
        when email_a is null or email_b is null then null
        when email_a = email_b then 2
        when
            email_domain_a = email_domain_b
            and email_digits_a = email_digits_b
            and least(length(email_letters_a), length(email_letters_b)) >= 5
            and {{ leadhub.edit_distance('email_letters_a', 'email_letters_b') }} = 1
            then 1
        else 0
    end as email_level,
    {{ identity_exact_level('phone') }} as phone_level,
    {{ identity_exact_level('street_number') }} as street_number_level,
    case
        when street_name_key_a is null or street_name_key_b is null then null
        when street_name_key_a = street_name_key_b then 3
        when street_name_similarity >= {{ close }} then 2
        when street_name_similarity >= {{ far }} then 1
        else 0
    end as street_name_level,
    case
        when postcode_key_a is null or postcode_key_b is null then null
        when postcode_key_a = postcode_key_b then 2
        when {{ leadhub.edit_distance('postcode_key_a', 'postcode_key_b') }} = 1 then 1
        else 0
    end as postcode_level,
    case
        when city_key_a is null or city_key_b is null then null
        when city_key_a = city_key_b then 2
        when city_similarity >= {{ close }} then 1
        else 0
    end as city_level,
    case
        when event_at_a is null or event_at_b is null then null
        when
            abs({{ dbt.datediff('event_at_a', 'event_at_b', 'day') }})
            <= {{ var('identity_time_close_days') }}
            then 2
        when
            abs({{ dbt.datediff('event_at_a', 'event_at_b', 'day') }})
            <= {{ var('identity_time_far_days') }}
            then 1
        else 0
    end as event_time_level,
    {{ identity_exact_level('branch_id') }} as branch_level
{%- endmacro %}
