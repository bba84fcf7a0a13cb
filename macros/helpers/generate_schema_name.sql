{#
    dbt's own schema naming (`<target schema>_<custom schema>`), with one more name:
    `published` is the target schema itself, for a model under marts/ (built aside in
    `_publishing`, macros/marts/publish.sql) that must write where analysts read
    (integrity_check_history).
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none or custom_schema_name | trim == 'published' -%}
        {{ target.schema }}
    {%- else -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
