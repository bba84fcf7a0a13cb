{#
    stage(name, body, materialize=true): one CTE of an iterative model, its query `body` set
    in a block, emitted with its trailing comma:

        {% set labels %}
            select ... from labels_0 ...
        {% endset %}
        {{ leadhub.stage('labels_1', labels) }}

    The iterative models (the expectation-maximisation rounds of int_identity_match_weights,
    the label-propagation rounds of int_identity_clusters) chain one CTE per round.

    DuckDB and PostgreSQL compute such a CTE once (`as materialized`, see materialized();
    materialize=false leaves the planner free to inline it).

    Spark's planner inlines CTEs into one plan: 15 rounds that each read the previous one make
    a plan its analyzer does not finish analysing. On Spark every stage therefore runs as a
    statement of its own before the model's query, under the CTE's own name, so that later
    stages and the model's query read it by that name:
      - materialize=true: a work table in the `<target schema>_scratch` schema (named after
        the model and the stage; replaced on every build), read through a temporary view:
        the next round starts from a table scan, not from the plan of every round before;
      - materialize=false: a temporary view (import CTEs and cheap steps that stages read).
    So on Spark, every CTE that a stage reads must be a stage itself. The statements run only
    when dbt runs the model (`dbt run` / `dbt build`), not when it compiles it.
#}
{% macro stage(name, body, materialize=true) -%}
    {{ return(adapter.dispatch('stage', 'leadhub')(name, body, materialize)) }}
{%- endmacro %}

{% macro default__stage(name, body, materialize) -%}
    {{ name }} as {% if materialize %}{{ leadhub.materialized() }} {% endif %}({{ body }}),
{%- endmacro %}

{% macro spark__stage(name, body, materialize) -%}
    {%- if execute and flags.WHICH in ('run', 'build') %}
        {%- if materialize %}
            {%- set work_table = api.Relation.create(
                schema=target.schema ~ '_scratch',
                identifier=model.name ~ '__' ~ name,
            ) %}
            {%- do run_query('create schema if not exists ' ~ work_table.schema) %}
            {%- do run_query('drop table if exists ' ~ work_table) %}
            {%- do run_query('create table ' ~ work_table ~ ' ' ~ leadhub.table_format() ~ ' as ' ~ body) %}
            {%- do run_query('create or replace temporary view ' ~ name ~ ' as select * from ' ~ work_table) %}
        {%- else %}
            {%- do run_query('create or replace temporary view ' ~ name ~ ' as ' ~ body) %}
        {%- endif %}
    {%- endif %}
{%- endmacro %}
