{#
    Free text as a comparable value: trimmed, inner whitespace (spaces, tabs, line breaks)
    collapsed to one space, and blank -> null.
#}
{% macro clean_text(expr) -%}
    nullif(trim({{ leadhub.regex_replace(expr, '\s+', ' ') }}), '')
{%- endmacro %}
