{#
    JSON on each engine: DuckDB's json type and PostgreSQL's jsonb (indexable, compared by
    value); Spark has no JSON type and keeps the JSON text in a string. `json_type()` names
    the type (contracts use it too), `json_object_array_agg` aggregates one JSON object per
    row into an array in a stated order (a comma-separated list of columns, ascending, nulls
    last), and `empty_json_array()` is `[]` of that type. Values should be text, numbers or
    booleans: cast timestamps to text first so every engine writes the same characters.
#}
{% macro json_type() -%}
    {{ return(adapter.dispatch('json_type', 'leadhub')()) }}
{%- endmacro %}

{% macro default__json_type() -%}json{%- endmacro %}

{% macro postgres__json_type() -%}jsonb{%- endmacro %}

{% macro spark__json_type() -%}string{%- endmacro %}

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

{#
    Spark has no ordered aggregate: it collects (null flag, value) sort keys with each object,
    sorts the structs and keeps the objects. Null fields are written, as on the other engines.
#}
{% macro spark__json_object_array_agg(fields, order_by) -%}
    {%- set sort_keys = order_by.split(',') | map('trim') | list %}
    to_json(
        transform(
            array_sort(collect_list(named_struct(
                {%- for key in sort_keys %}
                '_null_{{ loop.index }}', {{ key }} is null,
                '_key_{{ loop.index }}', {{ key }},
                {%- endfor %}
                '_object', named_struct(
                    {%- for name, expr in fields.items() %}
                    '{{ name }}', {{ expr }}{{ "," if not loop.last }}
                    {%- endfor %}
                )
            ))),
            entry -> entry._object
        ),
        map('ignoreNullFields', 'false')
    )
{%- endmacro %}

{% macro empty_json_array() -%}
    cast('[]' as {{ leadhub.json_type() }})
{%- endmacro %}
