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
    {%- do run_query(
        'create table if not exists ' ~ relation ~ ' ('
        ~ 'run_id varchar, run_at timestamp, target_name varchar, node_id varchar, test_name varchar, '
        ~ 'tested_model varchar, status varchar, failures integer, execution_seconds decimal(12, 3), '
        ~ 'message varchar)'
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
