{#
    postgres_indexes(column_lists): the `indexes` config of a mart, on PostgreSQL only. Each
    item is the list of columns of one b-tree index. DuckDB gets none: it scans with zone
    maps rather than indexes, and dbt-duckdb's index bookkeeping (a duckdb_indexes() scan per
    model) races with tables being swapped by the other thread.

    Usage, in a mart: {{ '{{' }} config(indexes=leadhub.postgres_indexes([['customer_id'], ['branch_id']])) {{ '}}' }}
#}
{% macro postgres_indexes(column_lists) -%}
    {%- if target.type != 'postgres' -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set indexes = [] -%}
    {%- for columns in column_lists -%}
        {%- do indexes.append({'columns': columns}) -%}
    {%- endfor -%}
    {{ return(indexes) }}
{%- endmacro %}
