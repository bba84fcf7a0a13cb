{#
    When two spellings of a person's name can be the same person. Arguments are column
    expressions of int_identity_records' keys (first_key, first_canonical, last_key).

    first_names_compatible: the same formal first name (nicknames resolved by
        seeds/nicknames.csv), one a prefix of the other ("J" / "John", "Chris" /
        "Christopher"), or a near spelling (similarity >= var identity_first_name_min_similarity).
    last_names_compatible: equal, or the same first letter and a near spelling (similarity >=
        var identity_last_name_min_similarity: "Smtih" / "Smith").
    Null keys are never compatible: a missing name is no evidence.
#}

{% macro first_names_compatible(first_a, canonical_a, first_b, canonical_b) -%}
    (
        {{ canonical_a }} = {{ canonical_b }}
        or substr({{ first_a }}, 1, length({{ first_b }})) = {{ first_b }}
        or substr({{ first_b }}, 1, length({{ first_a }})) = {{ first_a }}
        or {{ leadhub.name_similarity(first_a, first_b) }} >= {{ var('identity_first_name_min_similarity') }}
    )
{%- endmacro %}

{% macro last_names_compatible(last_a, last_b) -%}
    (
        {{ last_a }} = {{ last_b }}
        or (
            substr({{ last_a }}, 1, 1) = substr({{ last_b }}, 1, 1)
            and {{ leadhub.name_similarity(last_a, last_b) }} >= {{ var('identity_last_name_min_similarity') }}
        )
    )
{%- endmacro %}
