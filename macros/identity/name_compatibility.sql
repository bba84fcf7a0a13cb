{#
    When two spellings of a person's name can be the same person. Arguments are column
    expressions of int_identity_records' keys (first_key, first_canonical, last_key).

    same_first_name:        the same formal first name (nicknames resolved by seeds/nicknames.csv).
                            Required where households share the value (phone, street address).
    first_names_compatible: the same formal first name, an initial of it ("J" / "John"), a
                            short form of at least 3 letters ("Steve" / "Steven", "Chris" /
                            "Christopher"), or a near spelling (similarity >=
                            var identity_first_name_min_similarity).
    last_names_compatible:  equal, or the same first letter and a near spelling: one edit apart
                            (both at least 3 letters: "Trn" / "Tran"), or at most
                            var identity_last_name_max_edits edits (both at least 4: "Smtih" / "Smith").
    Null keys are never compatible (the result is null): a missing name is no evidence.
#}

{% macro same_first_name(canonical_a, canonical_b) -%}
    ({{ canonical_a }} = {{ canonical_b }})
{%- endmacro %}

{% macro first_names_compatible(first_a, canonical_a, first_b, canonical_b) -%}
    (
        {{ canonical_a }} = {{ canonical_b }}
        or (length({{ first_a }}) = 1 and {{ first_a }} = substr({{ first_b }}, 1, 1))
        or (length({{ first_b }}) = 1 and {{ first_b }} = substr({{ first_a }}, 1, 1))
        or (length({{ first_a }}) >= 3 and {{ first_a }} = substr({{ first_b }}, 1, length({{ first_a }})))
        or (length({{ first_b }}) >= 3 and {{ first_b }} = substr({{ first_a }}, 1, length({{ first_b }})))
        or {{ leadhub.name_similarity(first_a, first_b) }} >= {{ var('identity_first_name_min_similarity') }}
    )
{%- endmacro %}

{% macro last_names_compatible(last_a, last_b) -%}
    (
        {{ last_a }} = {{ last_b }}
        or (
            substr({{ last_a }}, 1, 1) = substr({{ last_b }}, 1, 1)
            and least(length({{ last_a }}), length({{ last_b }})) >= 3
            and {{ leadhub.edit_distance(last_a, last_b) }} <= case
                when least(length({{ last_a }}), length({{ last_b }})) >= 4
                    then {{ var('identity_last_name_max_edits') }}
                else 1
            end
        )
    )
{%- endmacro %}
