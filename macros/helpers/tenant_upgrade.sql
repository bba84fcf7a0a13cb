{#
    tenant_snapshot_upgrade(): before a build, give the snapshots of a warehouse built before
    tenants existed their `company` column, filled with var default_company. Their key is
    (company, quote_number) now: without this, a quote's history from before would no longer
    match its newer versions, and both would stay current. Does nothing once done, and on a
    warehouse without snapshots.
#}
{% macro tenant_snapshot_upgrade() -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'snapshot' and node.package_name == 'leadhub' -%}
            {%- set snapshot = adapter.get_relation(node.database, node.schema, node.alias) -%}
            {%- if snapshot is not none -%}
                {%- set columns = adapter.get_columns_in_relation(snapshot) | map(attribute='name') | map('lower') | list -%}
                {%- if 'company' not in columns -%}
                    {%- do log('tenants: snapshot ' ~ snapshot ~ ' gets its company column', info=true) -%}
                    {%- do run_query('alter table ' ~ snapshot ~ ' add column company ' ~ dbt.type_string()) -%}
                    {%- do run_query('update ' ~ snapshot ~ " set company = '" ~ var('default_company') ~ "'") -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
