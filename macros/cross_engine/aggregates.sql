{#
    string_agg_distinct(expr, separator): the distinct non-null values of `expr`, sorted,
    joined by `separator` (a SQL string literal). DuckDB and PostgreSQL share the standard
    form.
#}
{% macro string_agg_distinct(expr, separator) -%}
    {{ return(adapter.dispatch('string_agg_distinct', 'leadhub')(expr, separator)) }}
{%- endmacro %}

{% macro spark__string_agg_distinct(expr, separator) -%}
    array_join(array_sort(collect_set({{ expr }})), {{ separator }})
{%- endmacro %}

{% macro default__string_agg_distinct(expr, separator) -%}
    string_agg(distinct {{ expr }}, {{ separator }} order by {{ expr }})
{%- endmacro %}

{#
    string_agg_ordered(expr, separator, order_by): the values of `expr` (nulls left out) in the
    order of `order_by`, joined by `separator` (a SQL string literal). Spark has no ordered
    string_agg: it sorts (order_by, value) pairs and joins the values.
#}
{% macro string_agg_ordered(expr, separator, order_by) -%}
    {{ return(adapter.dispatch('string_agg_ordered', 'leadhub')(expr, separator, order_by)) }}
{%- endmacro %}

{% macro default__string_agg_ordered(expr, separator, order_by) -%}
    string_agg({{ expr }}, {{ separator }} order by {{ order_by }})
{%- endmacro %}

{% macro spark__string_agg_ordered(expr, separator, order_by) -%}
    array_join(
        transform(
            array_sort(collect_list(case when {{ expr }} is not null then struct({{ order_by }} as k, {{ expr }} as v) end)),
            pair -> pair.v
        ),
        {{ separator }}
    )
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
