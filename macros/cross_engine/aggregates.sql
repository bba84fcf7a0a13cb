{#
    string_agg_distinct(expr, separator): the distinct non-null values of `expr`, sorted,
    joined by `separator` (a SQL string literal). DuckDB and PostgreSQL share the standard
    form; Spark would use array_join(array_sort(collect_set(expr)), separator).
#}
{% macro string_agg_distinct(expr, separator) -%}
    {{ return(adapter.dispatch('string_agg_distinct', 'leadhub')(expr, separator)) }}
{%- endmacro %}

{% macro default__string_agg_distinct(expr, separator) -%}
    string_agg(distinct {{ expr }}, {{ separator }} order by {{ expr }})
{%- endmacro %}

{% macro spark__string_agg_distinct(expr, separator) -%}
    array_join(array_sort(collect_set({{ expr }})), {{ separator }})
{%- endmacro %}
