{#
    Quote numbers: one canonical text form. Spaces and `#` are dropped, leading zeros
    removed (`#0123`, ` 123 `, `# 123` -> `123`); anything that is then not all digits is
    null (and reported).
#}
{% macro normalize_quote_number(expr) -%}
    {%- set digits = leadhub.regex_replace("trim(" ~ expr ~ ")", '[#\s]', '') -%}
    case
        when {{ leadhub.regex_matches(digits, '^[0-9]+$') }}
            then coalesce(nullif({{ leadhub.regex_replace(digits, '^0+', '') }}, ''), '0')
    end
{%- endmacro %}
