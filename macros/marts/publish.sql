{#
    Marts are built aside and published at once, so that analysts, who read the marts at any
    moment, never see half a build: jobs of this build beside customers of the last.

    Every mart is built into `<target schema>_publishing` (dbt_project.yml, marts: +schema).
    When the build has run, publish_marts (on-run-end) moves the marts it built into the target
    schema in one transaction, if every mart of the run succeeded and no error-level test of
    the run failed (var publish_when_tests_fail: true publishes despite failed tests; warnings
    never stop it). Otherwise it publishes nothing: the previous build stays published, whole,
    and the failed build stays in `_publishing` for inspection until the next build. A build
    killed at any point before that transaction commits leaves the published marts exactly as
    they were.

      PostgreSQL: drop the published table and move the new one in (alter table ... set
                  schema): no copy; its indexes and grants move with it.
      DuckDB:     replace each published table by a copy of the new one.
      Spark:      the same copy, one statement at a time: Spark has neither
                  transactions over several tables nor renames across schemas, so a build
                  killed while it publishes can leave some marts of each build (the window is
                  the copy of the marts, seconds on the sample).
    Each mart then leaves a view in `_publishing` on its published table, so that what reads
    the marts through refs afterwards (`dbt test` alone, the analyses) reads the published
    marts. The next build replaces the view by a new table.

    integrity_check_history is appended in place (its one insert is atomic) and is not
    published: it lives in the target schema (schema `published` in generate_schema_name).
#}
{% macro publish_marts(results) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set publishing = target.schema ~ '_publishing' -%}
    {%- set marts = [] -%}
    {%- set failed = [] -%}
    {%- for result in results if result.node.resource_type == 'model' and result.node.schema == publishing -%}
        {%- if result.status == 'success' -%}
            {%- do marts.append(result.node.alias) -%}
        {%- else -%}
            {%- do failed.append(result.node.name ~ ' (' ~ result.status ~ ')') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set failed_tests = [] -%}
    {%- for result in results if result.node.resource_type in ('test', 'unit_test') and result.status in ('fail', 'error') -%}
        {%- do failed_tests.append(result.node.name) -%}
    {%- endfor -%}
    {%- if failed -%}
        {%- do log("publish: NOT published, " ~ failed | join(', ') ~ " did not build; the previous build's marts stay published", info=true) -%}
        {{ return('') }}
    {%- endif -%}
    {%- if failed_tests and marts and not var('publish_when_tests_fail') -%}
        {%- do log(
            "publish: NOT published, " ~ failed_tests | length ~ " error-level test(s) failed ("
            ~ (failed_tests | sort)[:5] | join(', ') ~ (', ...' if failed_tests | length > 5 else '')
            ~ "); the previous build's marts stay published, this build's stay in " ~ publishing
            ~ " for inspection (var publish_when_tests_fail: true publishes anyway)",
            info=true,
        ) -%}
        {{ return('') }}
    {%- endif -%}
    {%- if not marts -%}
        {{ return('') }}
    {%- endif -%}
    {%- do log("publish: " ~ marts | length ~ " marts to " ~ target.schema, info=true) -%}
    {{ return(adapter.dispatch('publish_marts_sql', 'leadhub')(marts | sort, publishing, target.schema)) }}
{%- endmacro %}

{% macro default__publish_marts_sql(marts, source_schema, target_schema) -%}
    begin transaction;
    {%- for mart in marts %}
    {%- set published = adapter.quote(target_schema) ~ '.' ~ adapter.quote(mart) %}
    {%- set built = adapter.quote(source_schema) ~ '.' ~ adapter.quote(mart) %}
    create or replace table {{ published }} as select * from {{ built }};
    drop table {{ built }};
    create view {{ built }} as select * from {{ published }};
    {%- endfor %}
    commit;
{%- endmacro %}

{% macro postgres__publish_marts_sql(marts, source_schema, target_schema) -%}
    begin;
    {%- for mart in marts %}
    {%- set published = adapter.quote(target_schema) ~ '.' ~ adapter.quote(mart) %}
    {%- set built = adapter.quote(source_schema) ~ '.' ~ adapter.quote(mart) %}
    drop table if exists {{ published }};
    alter table {{ built }} set schema {{ adapter.quote(target_schema) }};
    create view {{ built }} as select * from {{ published }};
    {%- endfor %}
    commit;
{%- endmacro %}

{% macro spark__publish_marts_sql(marts, source_schema, target_schema) -%}
    {%- for mart in marts %}
        {%- set published = adapter.quote(target_schema) ~ '.' ~ adapter.quote(mart) %}
        {%- set built = adapter.quote(source_schema) ~ '.' ~ adapter.quote(mart) %}
        {%- do run_query('drop table if exists ' ~ published) %}
        {%- do run_query('create table ' ~ published ~ ' ' ~ leadhub.table_format() ~ ' as select * from ' ~ built) %}
        {%- do run_query('drop table ' ~ built) %}
        {%- do run_query('create view ' ~ built ~ ' as select * from ' ~ published) %}
    {%- endfor %}
    {{- return('') }}
{%- endmacro %}
