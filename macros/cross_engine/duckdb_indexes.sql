{#
    Overrides dbt-duckdb's drop_indexes_on_relation (called by its table materialization
    before swapping a rebuilt table in). The original scans duckdb_indexes() every time; with
    two threads that scan fails now and then while the other thread swaps a table whose
    primary key has an index ("Table with name X__dbt_backup does not exist", see
    dbt-duckdb issue 748). A primary-key index goes with its table, so the scan is only
    needed for models that declare `indexes`, which on DuckDB none do
    (macros/marts/postgres_indexes.sql).
#}
{% macro drop_indexes_on_relation(relation) -%}
    {%- if config.get('indexes') -%}
        {%- do dbt_duckdb.drop_indexes_on_relation(relation) -%}
    {%- endif -%}
{%- endmacro %}
