{#
    mart_id(table_name, natural_key): the `id` of a mart row, md5 of the table's name and the
    row's natural key (`lead_status:100123`). Stable across rebuilds and engines, never
    shared by two tables, and the same value wherever a foreign key points at the row.
    Null when the natural key is null.
#}
{% macro mart_id(table_name, natural_key) -%}
    md5('{{ table_name }}:' || {{ natural_key }})
{%- endmacro %}
