{#
    Which column of which module names a branch, a lead source or a sales person: stated
    here and nowhere else. One row per base row (every version) and per kind of entity its
    module names, the text as written (null when the row leaves it blank), with the row's
    natural key, version status and lineage. The lookups (int_*_variants,
    int_lookup_first_rows), the record links and `leadhub evaluate` read it.

    from_crm is false for the phone system's user report: its names are not CRM users.
#}
{%- set crm_lead_columns = {
    'branch': 'branch_name', 'lead_source': 'referral_source', 'sales_person': 'sales_person_name',
} -%}
{%- set mentions = {
    'lead_status': crm_lead_columns,
    'booked_opportunities': crm_lead_columns,
    'lost_leads': crm_lead_columns,
    'jobs': crm_lead_columns,
    'bad_leads': {'branch': 'branch_name', 'lead_source': 'provider_name'},
    'sales_performance': {'sales_person': 'sales_person_name'},
    'user_performance': {'sales_person': 'user_name'},
} -%}
{#- each module's natural key (its base model's versioning key), and the reports not from the CRM -#}
{%- set natural_keys = {
    'lead_status': 'quote_number', 'booked_opportunities': 'quote_number', 'lost_leads': 'quote_number',
    'jobs': 'job_id', 'bad_leads': 'bad_lead_key', 'sales_performance': 'performance_key',
    'user_performance': 'user_key',
} -%}
{%- set phone_system_modules = ['user_performance'] -%}
{%- set kinds = ['branch', 'lead_source', 'sales_person'] -%}
{%- set string = dbt.type_string() -%}
with

{#- inlined: PostgreSQL would otherwise copy each whole base table into a CTE it reads up to
    three times, and could not skip the modules a reader's `where entity_kind = ...` excludes #}
{% for module in mentions %}
    {{ module }} as {{ leadhub.inlined() }} (
        select * from {{ ref('base_crm__' ~ module) }}
    ),

{% endfor -%}

final as (
    {%- for module, columns in mentions.items() %}
        {%- set outer_loop = loop %}
        {%- for kind in kinds if kind in columns %}
            select
                '{{ module }}' as module,
                cast({{ natural_keys[module] }} as {{ string }}) as record_key,
                '{{ kind }}' as entity_kind,
                cast({{ columns[kind] }} as {{ string }}) as mention,
                {{ 'false' if module in phone_system_modules else 'true' }} as from_crm,
                row_status,
                company,
                _exported_at,
                _load_id,
                _source_file,
                _source_row
            from {{ module }}
            {%- if not (outer_loop.last and loop.last) %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
)

select * from final
