{#
    Regular expressions, the same on every engine. Patterns use the subset that RE2
    (DuckDB), PostgreSQL's ARE and Java (Spark) share: [0-9] classes, \s, anchors, groups,
    {m,n}. They are written as the text between the quotes of a standard SQL literal (a quote
    doubled); Spark reads backslash escapes in literals, so spark_regex_literal() writes the
    same pattern for it (as the seeds' spark_literal() writes a value).
#}
{% macro spark_regex_literal(pattern) -%}
    {{ leadhub.spark_literal(pattern | replace("''", "'")) }}
{%- endmacro %}


{# True when `expr` matches `pattern` anywhere (anchor it with ^...$ for a full match). #}
{% macro regex_matches(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'leadhub')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(expr, pattern) -%}
    regexp_like({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regex_matches(expr, pattern) -%}
    regexp_matches({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_matches(expr, pattern) -%}
    ({{ expr }} rlike {{ leadhub.spark_regex_literal(pattern) }})
{%- endmacro %}

{% macro postgres__regex_matches(expr, pattern) -%}
    ({{ expr }} ~ '{{ pattern }}')
{%- endmacro %}


{# Capture group `group` of the first match of `pattern` in `expr`; null when it does not match. #}
{% macro regex_extract(expr, pattern, group=1) -%}
    {{ return(adapter.dispatch('regex_extract', 'leadhub')(expr, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(expr, pattern, group) -%}
    regexp_extract({{ expr }}, '{{ pattern }}', {{ group }})
{%- endmacro %}

{% macro duckdb__regex_extract(expr, pattern, group) -%}
    nullif(regexp_extract({{ expr }}, '{{ pattern }}', {{ group }}), '')
{%- endmacro %}

{% macro spark__regex_extract(expr, pattern, group) -%}
    nullif(regexp_extract({{ expr }}, {{ leadhub.spark_regex_literal(pattern) }}, {{ group }}), '')
{%- endmacro %}

{% macro postgres__regex_extract(expr, pattern, group) -%}
    (regexp_match({{ expr }}, '{{ pattern }}'))[{{ group }}]
{%- endmacro %}


{# Every match of `pattern` in `expr` replaced by `replacement`. #}
{% macro regex_replace(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace', 'leadhub')(expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regex_replace(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, {{ leadhub.spark_regex_literal(pattern) }}, {{ leadhub.spark_regex_literal(replacement) }})
{%- endmacro %}
