{#
    string_agg_distinct(expr, separator): the distinct non-null values of `expr`, sorted,
    joined by `separator` (a SQL string literal). DuckDB and PostgreSQL share the standard
    form.
#}
{% macro string_agg_distinct(expr, separator) -%}
    {{ return(adapter.dispatch('string_agg_distinct', 'leadhub')(expr, separator)) }}
{%- endmacro %}

{% macro default__string_agg_distinct(expr, separator) -%}
    string_agg(distinct {{ expr }}, {{ separator }} order by {{ expr }})
{%- endmacro %}

{#
    median(expr): the 50th percentile, interpolated (percentile_cont), as a double. The
    standard ordered-set form runs on DuckDB and PostgreSQL.
#}
{% macro median(expr) -%}
    {{ return(adapter.dispatch('median', 'leadhub')(expr)) }}
{%- endmacro %}

{% macro default__median(expr) -%}
    percentile_cont(0.5) within group (order by {{ expr }})
{%- endmacro %}
