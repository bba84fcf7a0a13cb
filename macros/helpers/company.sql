{#
    Tenants. Every staged row carries its `company`; intermediate models join, group and
    partition on it, so that one warehouse holds many companies without mixing their people,
    sales staff or lookups.

    company_column(relation): a raw row's company (rows loaded before the column existed belong
    to var default_company).

    company_scoped(key, company): a key as unique across companies. The default company's key
    is unchanged, so a single mover's ids never change; another company's is
    "<company>/<key>". Null when the key is null.

    company_unscoped(key, company): a company_scoped key without its company prefix.
#}
{% macro company_column(relation) -%}
    coalesce({{ relation }}._company, '{{ var("default_company") }}') as company
{%- endmacro %}

{% macro company_scoped(key, company='company') -%}
    case
        when {{ company }} = '{{ var("default_company") }}' then {{ key }}
        else {{ company }} || '/' || {{ key }}
    end
{%- endmacro %}

{% macro company_unscoped(key, company='company') -%}
    case
        when {{ company }} = '{{ var("default_company") }}' then {{ key }}
        else substr({{ key }}, length({{ company }}) + 2)
    end
{%- endmacro %}
