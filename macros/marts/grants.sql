{#
    Who may read a mart on PostgreSQL (a post-hook of every mart; DuckDB has no roles: there
    the file is the boundary).

      var analyst_role     reads every mart, except its personal columns: those whose YAML
                           says `config: {meta: {pii: true}}` (names, emails, phones,
                           addresses). Column privileges, not masked views: PostgreSQL itself
                           refuses the column, the mart keeps one name for everyone, and there
                           is no second copy to keep in step. An analyst lists the columns
                           they read (`select *` names a personal column and is refused).
      var pii_reader_role  reads every column of every mart.

    Neither may read raw, staging or intermediate: they get USAGE on the schema the marts are
    published in only, once per run (grant_schema_usage, on-run-start: concurrent grants on
    one schema collide), and the table grants travel with a mart when it is published.
    Roles that do not exist are skipped, said once per run (scripts/postgres-roles.sql creates
    them; scripts/ensure-postgres.sh runs it on a local cluster), so a warehouse without them
    still builds.
#}
{% macro grant_mart_access() -%}
    {{ return(adapter.dispatch('grant_mart_access', 'leadhub')()) }}
{%- endmacro %}

{% macro default__grant_mart_access() -%}
{%- endmacro %}

{% macro postgres__grant_mart_access() -%}
    {%- if execute -%}
        {%- set wanted = [var('analyst_role'), var('pii_reader_role')] -%}
        {%- set found = leadhub.existing_roles(wanted) -%}
        {%- set open_columns = [] -%}
        {%- for column in model.columns.values() -%}
            {%- set meta = column.get('meta', {}) or {} -%}
            {%- set config_meta = (column.get('config', {}) or {}).get('meta', {}) or {} -%}
            {%- if not (meta.get('pii') or config_meta.get('pii')) -%}
                {%- do open_columns.append(adapter.quote(column.name)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if var('pii_reader_role') in found -%}
            grant select on {{ this }} to {{ adapter.quote(var('pii_reader_role')) }};
        {%- endif -%}
        {%- if var('analyst_role') in found and open_columns -%}
            grant select ({{ open_columns | join(', ') }}) on {{ this }} to {{ adapter.quote(var('analyst_role')) }};
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{% macro grant_schema_usage() -%}
    {{ return(adapter.dispatch('grant_schema_usage', 'leadhub')()) }}
{%- endmacro %}

{% macro default__grant_schema_usage() -%}
{%- endmacro %}

{% macro postgres__grant_schema_usage() -%}
    {%- if execute -%}
        {%- set wanted = [var('analyst_role'), var('pii_reader_role')] -%}
        {%- set found = leadhub.existing_roles(wanted) -%}
        {%- for role in wanted if role not in found -%}
            {%- do log("grants: role " ~ role ~ " does not exist, nothing is granted to it (scripts/postgres-roles.sql creates it)", info=true) -%}
        {%- endfor -%}
        {%- for role in wanted if role in found -%}
            grant usage on schema {{ adapter.quote(target.schema) }} to {{ adapter.quote(role) }};
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{# The roles of `wanted` that exist on the server. #}
{% macro existing_roles(wanted) -%}
    {{ return(run_query(
        "select rolname from pg_roles where rolname in (" ~ leadhub.quoted_list(wanted) ~ ")"
    ).columns[0].values()) }}
{%- endmacro %}
