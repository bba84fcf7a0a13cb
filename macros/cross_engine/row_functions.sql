{#
    Row functions: text -> text rules that other rules nest (a person's name is cleaned text,
    its first name, last name and key are cut from the full name, a phone's parts from its
    digits). Inlined, each nesting level repeats the whole expression below it, and a base
    model compiled to tens of kilobytes of SQL (slow to lint, hard to read).

    On DuckDB and PostgreSQL each is created once per run, by create_functions (on-run-start),
    as leadhub_<name> in the target schema: a DuckDB macro, a PostgreSQL SQL function. DuckDB
    expands a macro where it is called and PostgreSQL inlines a SQL function, so the plans are
    those of the inlined SQL. Other engines inline the body.

      clean_text        macros/normalize/clean_text.sql
      person_full_name  macros/normalize/normalize_person_name.sql
      phone_digits      macros/normalize/normalize_phone.sql

    Listed in creation order: a function may call the ones above it.
#}
{% macro row_functions() -%}
    {{ return({
        'clean_text': leadhub.clean_text_body,
        'person_full_name': leadhub.person_full_name_body,
        'phone_digits': leadhub.phone_digits_body,
    }) }}
{%- endmacro %}

{% macro row_function(name, expr) -%}
    {{ return(adapter.dispatch('row_function', 'leadhub')(name, expr)) }}
{%- endmacro %}

{% macro default__row_function(name, expr) -%}
    {{ return(leadhub.row_functions()[name](expr)) }}
{%- endmacro %}

{% macro duckdb__row_function(name, expr) -%}
    {{ leadhub.project_function('leadhub_' ~ name, expr) }}
{%- endmacro %}

{% macro postgres__row_function(name, expr) -%}
    {{ leadhub.project_function('leadhub_' ~ name, expr) }}
{%- endmacro %}

{% macro create_row_functions() -%}
    {{ return(adapter.dispatch('create_row_functions', 'leadhub')()) }}
{%- endmacro %}

{% macro default__create_row_functions() -%}
{%- endmacro %}

{% macro duckdb__create_row_functions() -%}
    {%- for name, body in leadhub.row_functions().items() %}
    create or replace macro {{ target.schema }}.leadhub_{{ name }}(value) as (
        {{ body('value') }}
    );
    {%- endfor %}
{%- endmacro %}

{% macro postgres__create_row_functions() -%}
    {%- for name, body in leadhub.row_functions().items() %}
    create or replace function {{ target.schema }}.leadhub_{{ name }}(value text)
    returns text
    language sql immutable parallel safe
    as $fn$
        select {{ body('value') }}
    $fn$;
    {%- endfor %}
{%- endmacro %}
