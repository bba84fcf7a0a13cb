{#
    JSON on each engine: DuckDB's json type and PostgreSQL's jsonb (indexable, compared by
    value). `json_type()` names the type (contracts use it too), `json_object_array_agg`
    aggregates one JSON object per row into an array in a stated order, and
    `empty_json_array()` is `[]` of that type. Values should be text, numbers or booleans:
    cast timestamps to text first so both engines write the same characters.
#}
{% macro json_type() -%}
    {{ return(adapter.dispatch('json_type', 'leadhub')()) }}
{%- endmacro %}

{% macro default__json_type() -%}json{%- endmacro %}

{% macro postgres__json_type() -%}jsonb{%- endmacro %}

{% macro json_object_array_agg(fields, order_by) -%}
    {{ return(adapter.dispatch('json_object_array_agg', 'leadhub')(fields, order_by)) }}
{%- endmacro %}

{% macro default__json_object_array_agg(fields, order_by) -%}
    to_json(array_agg(
        json_object(
            {%- for name, expr in fields.items() %}
            '{{ name }}', {{ expr }}{{ "," if not loop.last }}
            {%- endfor %}
        )
        order by {{ order_by }}
    ))
{%- endmacro %}

{% macro postgres__json_object_array_agg(fields, order_by) -%}
    jsonb_agg(
        jsonb_build_object(
            {%- for name, expr in fields.items() %}
            '{{ name }}', {{ expr }}{{ "," if not loop.last }}
            {%- endfor %}
        )
        order by {{ order_by }}
    )
{%- endmacro %}

{% macro empty_json_array() -%}
    cast('[]' as {{ leadhub.json_type() }})
{%- endmacro %}
