{#
    mart_id(table_name, natural_key, company): the `id` of a mart row, md5 of the table's name
    and the row's natural key (`lead_status:100123`), the key scoped by its company
    (macros/helpers/company.sql: unchanged for the default company, `acme/100123` for another).
    Stable across rebuilds and engines, never shared by two tables or two companies, and the
    same value wherever a foreign key points at the row. Null when the natural key is null.
    Without a company (a warehouse-wide row, such as an integrity check) the key is unscoped.
#}
{% macro mart_id(table_name, natural_key, company=none) -%}
    {%- if company -%}
        md5('{{ table_name }}:' || {{ leadhub.company_scoped(natural_key, company) }})
    {%- else -%}
        md5('{{ table_name }}:' || {{ natural_key }})
    {%- endif -%}
{%- endmacro %}
