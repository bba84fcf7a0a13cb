{#
    Person names: `First Last`, `LAST, First`, extra spaces, accents, initials.

    person_full_name:  whitespace collapsed, `Last, First` reordered to `First Last`
    person_first_name: the first word of the full name
    person_last_name:  the rest (null for a single word)
    person_name_key:   lower case, accents removed, only letters and single spaces: the
                       comparison key for matching (`ZOË  CÔTÉ` and `Cote, Zoe` -> `zoe cote`)
    Each takes the raw export value.
#}

{% macro person_full_name(expr) -%}
    {{ leadhub.row_function('person_full_name', expr) }}
{%- endmacro %}

{% macro person_full_name_body(expr) -%}
    {%- set name = leadhub.clean_text(expr) -%}
    case
        when {{ dbt.position("','", name) }} = 0 then {{ name }}
        when {{ leadhub.regex_matches(name, '^[^,]+,[^,]+$') }}
            then trim({{ leadhub.regex_extract(name, '^[^,]+,(.+)$', 1) }})
            || ' ' || trim({{ leadhub.regex_extract(name, '^([^,]+),', 1) }})
        else {{ name }}
    end
{%- endmacro %}

{% macro person_first_name(expr) -%}
    nullif(split_part({{ leadhub.person_full_name(expr) }}, ' ', 1), '')
{%- endmacro %}

{% macro person_last_name(expr) -%}
    {%- set full = leadhub.person_full_name(expr) -%}
    nullif(trim(substr({{ full }}, length(split_part({{ full }}, ' ', 1)) + 1)), '')
{%- endmacro %}

{% macro person_name_key(expr) -%}
    nullif(trim({{ leadhub.regex_replace(
        leadhub.regex_replace("lower(" ~ leadhub.strip_accents(leadhub.person_full_name(expr)) ~ ")", '[^a-z ]', ''),
        ' +', ' '
    ) }}), '')
{%- endmacro %}
