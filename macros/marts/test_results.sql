{#
    record_test_results(results): the on-run-end hook that keeps every run's dbt test results
    (data and unit tests: status, failures, seconds, message) in `integrity_test_results`
    of the target schema, created on first use and only ever appended to, so that trends
    are queryable next to integrity_check_history. Nothing is written for a run without tests.
#}
{% macro record_test_results(results) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set tests = results | selectattr('node.resource_type', 'in', ['test', 'unit_test']) | list -%}
    {%- if not tests -%}
        {{ return('') }}
    {%- endif -%}
    {%- set relation = target.schema ~ '.integrity_test_results' -%}
    {%- set text = leadhub.type_text() -%}
    {%- do run_query(
        'create table if not exists ' ~ relation ~ ' ('
        ~ 'run_id ' ~ text ~ ', run_at timestamp, target_name ' ~ text ~ ', node_id ' ~ text
        ~ ', test_name ' ~ text ~ ', tested_model ' ~ text ~ ', status ' ~ text
        ~ ', failures integer, execution_seconds decimal(12, 3), message ' ~ text ~ ') '
        ~ leadhub.table_format()
    ) -%}
    {%- set rows = [] -%}
    {%- for result in tests -%}
        {%- set node = result.node -%}
        {%- set models = [] -%}
        {%- for dependency in node.depends_on.nodes if dependency.startswith('model.') -%}
            {%- do models.append(dependency.split('.')[-1]) -%}
        {%- endfor -%}
        {%- do rows.append(
            "('" ~ invocation_id ~ "', cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S') ~ "' as timestamp), '"
            ~ target.name ~ "', '" ~ node.unique_id ~ "', '" ~ node.name ~ "', '"
            ~ (models | first or '') ~ "', '" ~ result.status ~ "', "
            ~ (result.failures if result.failures is not none else 'null') ~ ", "
            ~ '%.3f' | format(result.execution_time or 0) ~ ", '"
            ~ (result.message or '') | string | replace("'", "''") ~ "')"
        ) -%}
    {%- endfor -%}
    insert into {{ relation }} values
    {{ rows | join(',\n    ') }}
{%- endmacro %}

{#
    type_text(): the column type of free text in a table leadhub creates itself (varchar;
    Spark has no varchar without a length). table_format(): the clause that gives such a
    table Spark's format, $LEADHUB_SPARK_FILE_FORMAT (parquet; nothing elsewhere).
#}
{% macro type_text() -%}
    {{ return(adapter.dispatch('type_text', 'leadhub')()) }}
{%- endmacro %}

{% macro default__type_text() -%}varchar{%- endmacro %}

{% macro spark__type_text() -%}string{%- endmacro %}

{% macro table_format() -%}
    {{ return(adapter.dispatch('table_format', 'leadhub')()) }}
{%- endmacro %}

{% macro default__table_format() -%}{%- endmacro %}

{% macro spark__table_format() -%}using {{ env_var('LEADHUB_SPARK_FILE_FORMAT', 'parquet') }}{%- endmacro %}
