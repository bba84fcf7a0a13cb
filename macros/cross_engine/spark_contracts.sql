{#
    The marts' contracts declare their column types once, in the types DuckDB and PostgreSQL
    share (varchar; json for merge_history). Spark has no varchar without a length and no json
    type: both are strings there. dbt checks a contract by casting nulls to the declared types
    (get_empty_schema_sql); on Spark this reads the declared types as Spark's, through
    var spark_contract_types, and leaves the rest of the check to dbt.
#}
{% macro spark__get_empty_schema_sql(columns) %}
    {%- set spark_types = var('spark_contract_types') %}
    {%- set spark_columns = {} %}
    {%- for name, column in columns.items() %}
        {%- set spark_column = column.copy() %}
        {%- if column.get('data_type') %}
            {%- do spark_column.update({
                'data_type': spark_types.get(column['data_type'].strip().lower(), column['data_type']),
            }) %}
        {%- endif %}
        {%- do spark_columns.update({name: spark_column}) %}
    {%- endfor %}
    {{ return(dbt.default__get_empty_schema_sql(spark_columns)) }}
{% endmacro %}
