{#
    Marts are built aside and published at once, so that analysts, who read the marts at any
    moment, never see half a build: jobs of this build beside customers of the last.

    Every mart is built into `<target schema>_publishing` (dbt_project.yml, marts: +schema).
    When the build has run, publish_marts (on-run-end) moves the marts it built into the target
    schema in one transaction, if every mart of the run succeeded; otherwise it publishes
    nothing and the previous build stays published, whole. A build killed at any point before
    that transaction commits leaves the published marts exactly as they were.

      PostgreSQL: drop the published table and move the new one in (alter table ... set
                  schema): no copy; its indexes and grants move with it.
      DuckDB:     replace each published table by a copy of the new one.

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
    {%- if failed -%}
        {%- do log("publish: NOT published, " ~ failed | join(', ') ~ " did not build; the previous build's marts stay published", info=true) -%}
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
    create or replace table {{ adapter.quote(target_schema) }}.{{ adapter.quote(mart) }} as
        select * from {{ adapter.quote(source_schema) }}.{{ adapter.quote(mart) }};
    {%- endfor %}
    commit;
{%- endmacro %}

{% macro postgres__publish_marts_sql(marts, source_schema, target_schema) -%}
    begin;
    {%- for mart in marts %}
    drop table if exists {{ adapter.quote(target_schema) }}.{{ adapter.quote(mart) }};
    alter table {{ adapter.quote(source_schema) }}.{{ adapter.quote(mart) }} set schema {{ adapter.quote(target_schema) }};
    {%- endfor %}
    commit;
{%- endmacro %}
