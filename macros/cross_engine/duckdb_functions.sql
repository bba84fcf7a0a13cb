{#
    DuckDB's part of create_functions (macros/cross_engine/postgres_functions.sql), run by the
    on-run-start hook: SQL macros for the parsers whose expressions are long. DuckDB expands a
    macro where it is called, so it costs nothing at run time; the compiled models stay short
    (the same body inlined at every call made a base model's SQL hundreds of lines long).

    The row functions (row_functions.sql), then
    leadhub_parse_timestamp(text): the rules of parse_timestamp (macros/normalize/), strptime
    first. tests/singular/assert_fast_parsers_agree_with_rules.sql holds it to the rules.
#}
{% macro duckdb__create_functions() -%}
    create schema if not exists {{ target.schema }};
    {{ leadhub.create_row_functions() }}
    create or replace macro {{ target.schema }}.leadhub_parse_timestamp(value) as (
        {{ leadhub.duckdb_parse_timestamp_body('value') }}
    );
{%- endmacro %}
