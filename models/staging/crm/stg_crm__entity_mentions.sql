{#
    Which column of which module names a branch, a lead source or a sales person: stated
    here and nowhere else. One row per base row (every version) and per kind of entity its
    module names, the text as written (null when the row leaves it blank), with the row's
    natural key, version status and lineage. The lookups (int_*_variants,
    int_lookup_first_rows), the record links and `leadhub evaluate` read it.

    from_crm is false for the phone system's user report: its names are not CRM users.
#}
{%- set mentions = {
    'lead_status': {
        'key': 'quote_number',
        'branch': 'branch_name', 'lead_source': 'referral_source', 'sales_person': 'sales_person_name',
    },
    'booked_opportunities': {
        'key': 'quote_number',
        'branch': 'branch_name', 'lead_source': 'referral_source', 'sales_person': 'sales_person_name',
    },
    'lost_leads': {
        'key': 'quote_number',
        'branch': 'branch_name', 'lead_source': 'referral_source', 'sales_person': 'sales_person_name',
    },
    'jobs': {
        'key': 'job_id',
        'branch': 'branch_name', 'lead_source': 'referral_source', 'sales_person': 'sales_person_name',
    },
    'bad_leads': {
        'key': 'bad_lead_key',
        'branch': 'branch_name', 'lead_source': 'provider_name',
    },
    'sales_performance': {
        'key': 'performance_key',
        'sales_person': 'sales_person_name',
    },
    'user_performance': {
        'key': 'user_key',
        'sales_person': 'user_name', 'from_crm': false,
    },
} -%}
{%- set kinds = ['branch', 'lead_source', 'sales_person'] -%}
{%- set string = dbt.type_string() -%}
with

{% for module in mentions %}
    {{ module }} as (
        select * from {{ ref('base_crm__' ~ module) }}
    ),

{% endfor -%}

final as (
    {%- for module, columns in mentions.items() %}
        {%- set outer_loop = loop %}
        {%- for kind in kinds if kind in columns %}
            select
                '{{ module }}' as module,
                cast({{ columns['key'] }} as {{ string }}) as record_key,
                '{{ kind }}' as entity_kind,
                cast({{ columns[kind] }} as {{ string }}) as mention,
                {{ 'true' if columns.get('from_crm', true) else 'false' }} as from_crm,
                row_status,
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
