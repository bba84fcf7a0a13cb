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
    {{ return({
        'email': ('email', ['email']),
        'email_local_part': ('email_local_part', ['email']),
        'phone': ('phone', ['phone']),
        'address': ('street_key', ['street_number', 'street_name']),
        'name_tokens': (sorted_name, ['first_name', 'last_name']),
        'name_prefixes': (sorted_prefixes, ['first_name', 'last_name']),
        'last_name_postcode': ("last_key || ' ' || postcode_key", ['last_name', 'postcode']),
        'first_name_postcode': ("first_key || ' ' || postcode_key", ['first_name', 'postcode']),
        'number_postcode': ("street_number || ' ' || postcode_key", ['street_number', 'postcode']),
        'last_name_street': ("last_key || ' ' || street_name_key", ['last_name', 'street_name']),
        'last_name_number': ("last_key || ' ' || street_number", ['last_name', 'street_number']),
        'first_name_number': ("first_key || ' ' || street_number", ['first_name', 'street_number']),
        'street_postcode': ("substr(street_name_key, 1, 5) || ' ' || postcode_key", ['street_name', 'postcode']),
        'number_street': ("street_number || ' ' || substr(street_name_key, 1, 4)", ['street_number', 'street_name']),
        'first_name_street': ("first_key || ' ' || substr(street_name_key, 1, 5)", ['first_name', 'street_name']),
        'first_name_city': ("first_key || ' ' || city_key", ['first_name', 'city']),
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
    The comparison levels of a pair, as select-list expressions over two aliased profiles.
    Names are aligned first: when a's first name is nearer b's surname and a's surname
    nearer b's first name ("Marshbrook Rania" / "Rania Marshbrook"), a's first name compares
    with b's surname (is_name_swapped).

      first_name  5 equal; 4 the same formal name (seeds/nicknames.csv) or a short form of at
                  least 3 letters; 3 similarity >= var identity_name_close_similarity (a typo);
                  2 similarity >= var identity_name_far_similarity; 1 an initial of the other;
                  0 different
      last_name   4 equal; 3 and 2 the two similarity bands; 1 an initial; 0 different
      email       2 equal; 1 a typo: the same provider, local parts of 6 characters or more
                  whose letters are one edit apart and whose digits are the same; 0 different. A local part is usually made of the name:
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
{% macro identity_comparison_levels(a, b) -%}
    {%- set swapped -%}
        (
            coalesce({{ leadhub.name_similarity(a ~ '.first_key', b ~ '.last_key') }}, 0)
            + coalesce({{ leadhub.name_similarity(a ~ '.last_key', b ~ '.first_key') }}, 0)
            > coalesce({{ leadhub.name_similarity(a ~ '.first_key', b ~ '.first_key') }}, 0)
            + coalesce({{ leadhub.name_similarity(a ~ '.last_key', b ~ '.last_key') }}, 0)
        )
    {%- endset -%}
    {%- set b_first = '(case when ' ~ swapped ~ ' then ' ~ b ~ '.last_key else ' ~ b ~ '.first_key end)' -%}
    {%- set b_last = '(case when ' ~ swapped ~ ' then ' ~ b ~ '.first_key else ' ~ b ~ '.last_key end)' -%}
    {%- set close = var('identity_name_close_similarity') -%}
    {%- set far = var('identity_name_far_similarity') -%}
    {{ swapped }} as is_name_swapped,
    case
        when {{ a }}.first_key is null or {{ b_first }} is null then null
        when {{ a }}.first_key = {{ b_first }} then 5
        when
            ({{ a }}.first_canonical = {{ b }}.first_canonical and not {{ swapped }})
            or (
                least(length({{ a }}.first_key), length({{ b_first }})) >= 3
                and (
                    {{ a }}.first_key = substr({{ b_first }}, 1, length({{ a }}.first_key))
                    or {{ b_first }} = substr({{ a }}.first_key, 1, length({{ b_first }}))
                )
            )
            then 4
        when least(length({{ a }}.first_key), length({{ b_first }})) = 1
            then case when substr({{ a }}.first_key, 1, 1) = substr({{ b_first }}, 1, 1) then 1 else 0 end
        when {{ leadhub.name_similarity(a ~ '.first_key', b_first) }} >= {{ close }} then 3
        when {{ leadhub.name_similarity(a ~ '.first_key', b_first) }} >= {{ far }} then 2
        else 0
    end as first_name_level,
    case
        when {{ a }}.last_key is null or {{ b_last }} is null then null
        when {{ a }}.last_key = {{ b_last }} then 4
        when least(length({{ a }}.last_key), length({{ b_last }})) = 1
            then case when substr({{ a }}.last_key, 1, 1) = substr({{ b_last }}, 1, 1) then 1 else 0 end
        when {{ leadhub.name_similarity(a ~ '.last_key', b_last) }} >= {{ close }} then 3
        when {{ leadhub.name_similarity(a ~ '.last_key', b_last) }} >= {{ far }} then 2
        else 0
    end as last_name_level,
    case
        when {{ a }}.email is null or {{ b }}.email is null then null
        when {{ a }}.email = {{ b }}.email then 2
        when
            split_part({{ a }}.email, '@', 2) = split_part({{ b }}.email, '@', 2)
            and least(length({{ a }}.email_local_part), length({{ b }}.email_local_part)) >= 6
            and {{ leadhub.regex_replace(a ~ '.email_local_part', '[^0-9]', '') }}
            = {{ leadhub.regex_replace(b ~ '.email_local_part', '[^0-9]', '') }}
            and {{ leadhub.edit_distance(
                leadhub.regex_replace(a ~ '.email_local_part', '[^a-z]', ''),
                leadhub.regex_replace(b ~ '.email_local_part', '[^a-z]', '')
            ) }} = 1
            then 1
        else 0
    end as email_level,
    case
        when {{ a }}.phone is null or {{ b }}.phone is null then null
        when {{ a }}.phone = {{ b }}.phone then 1
        else 0
    end as phone_level,
    case
        when {{ a }}.street_number is null or {{ b }}.street_number is null then null
        when {{ a }}.street_number = {{ b }}.street_number then 1
        else 0
    end as street_number_level,
    case
        when {{ a }}.street_name_key is null or {{ b }}.street_name_key is null then null
        when {{ a }}.street_name_key = {{ b }}.street_name_key then 3
        when {{ leadhub.name_similarity(a ~ '.street_name_key', b ~ '.street_name_key') }} >= {{ close }} then 2
        when {{ leadhub.name_similarity(a ~ '.street_name_key', b ~ '.street_name_key') }} >= {{ far }} then 1
        else 0
    end as street_name_level,
    case
        when {{ a }}.postcode_key is null or {{ b }}.postcode_key is null then null
        when {{ a }}.postcode_key = {{ b }}.postcode_key then 2
        when {{ leadhub.edit_distance(a ~ '.postcode_key', b ~ '.postcode_key') }} = 1 then 1
        else 0
    end as postcode_level,
    case
        when {{ a }}.city_key is null or {{ b }}.city_key is null then null
        when {{ a }}.city_key = {{ b }}.city_key then 2
        when {{ leadhub.name_similarity(a ~ '.city_key', b ~ '.city_key') }} >= {{ close }} then 1
        else 0
    end as city_level,
    case
        when {{ a }}.event_at is null or {{ b }}.event_at is null then null
        when
            abs({{ dbt.datediff(a ~ '.event_at', b ~ '.event_at', 'day') }})
            <= {{ var('identity_time_close_days') }}
            then 2
        when
            abs({{ dbt.datediff(a ~ '.event_at', b ~ '.event_at', 'day') }})
            <= {{ var('identity_time_far_days') }}
            then 1
        else 0
    end as event_time_level,
    case
        when {{ a }}.branch_id is null or {{ b }}.branch_id is null then null
        when {{ a }}.branch_id = {{ b }}.branch_id then 1
        else 0
    end as branch_level
{%- endmacro %}
