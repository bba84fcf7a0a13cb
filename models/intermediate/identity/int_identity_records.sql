{#
    Every current record that names a person, from every module that does, in one shape:
    the record, its lineage, and the keys identity resolution compares.

    company         the tenant: identity never compares two companies' records
    record_key      module and natural key ("lead_status:100001", "jobs:500005", ...), as
                    "<company>/lead_status:100001" for a company other than the default
    first_key       first word of the name key ("zoe" for "CÔTÉ, Zoë"); an initial stays "z"
    first_canonical the formal first name a nickname stands for (seeds/nicknames.csv)
    last_key        last word of the name key ("cote")
    street_key      the street address in letters and digits (jobs' origin, the customers export)
    street_number   its leading number; street_name_key the rest in letters only ("dallasplace")
    postcode_key    the postcode in capitals and digits; city_key the city in letters only
    email, phone    staging's normalized values: placeholders and invalid values are already null
    email_local_part the email before its "@"
    profile_key     records spelling the name the same way with the same email, phone, street and
                    postcode (at least one of email, phone, street present) are one profile,
                    named by its smallest record key: identity compares profiles, not records
#}
with

lead_status as (
    select * from {{ ref('stg_crm__lead_status') }}
),

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities') }}
),

lost_leads as (
    select * from {{ ref('stg_crm__lost_leads') }}
),

bad_leads as (
    select * from {{ ref('stg_crm__bad_leads') }}
),

jobs as (
    select * from {{ ref('stg_crm__jobs') }}
),

customers as (
    select * from {{ ref('stg_crm__customers') }}
),

branch_variants as (
    select * from {{ ref('int_branch_variants') }}
),

nicknames as (
    select * from {{ ref('nicknames') }}
),

{%- set string = dbt.type_string() %}
{%- set timestamp = dbt.type_timestamp() %}
{#- module: (natural key, quote number, CRM customer id, branch, street, postcode, city, event time) #}
{%- set modules = {
    'lead_status': ('quote_number', 'quote_number', none, 'branch_name', none, none, none, 'received_at'),
    'booked_opportunities': (
        'quote_number', 'quote_number', none, 'branch_name', none, none, none,
        'cast(booked_date as ' ~ timestamp ~ ')'
    ),
    'lost_leads': ('quote_number', 'quote_number', none, 'branch_name', none, none, none, 'received_at'),
    'bad_leads': ('bad_lead_key', none, none, 'branch_name', none, none, none, 'received_at'),
    'jobs': (
        'job_id', 'quote_number', none, 'branch_name', 'origin_street', 'origin_zip', 'origin_city',
        'created_at_utc'
    ),
    'customers': ('crm_customer_id', none, 'crm_customer_id', none, 'address', 'zip', 'city', 'created_at'),
} %}

records as (
    {%- for module, (key, quote, crm_id, branch, street, postcode, city, event) in modules.items() %}
        select
            company,
            '{{ module }}' as module,
            cast({{ key }} as {{ string }}) as natural_key,
            cast({{ quote or 'null' }} as {{ string }}) as quote_number,
            cast({{ crm_id or 'null' }} as {{ string }}) as crm_customer_id,
            customer_name,
            customer_name_key,
            email,
            phone,
            cast({{ branch or 'null' }} as {{ string }}) as branch_name,
            cast({{ street or 'null' }} as {{ string }}) as street,
            cast({{ postcode or 'null' }} as {{ string }}) as postcode,
            cast({{ city or 'null' }} as {{ string }}) as city,
            {{ event }} as event_at,
            _source_file,
            _source_row,
            _exported_at
        from {{ module }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

keyed as (
    select
        {{ leadhub.company_scoped("records.module || ':' || records.natural_key", 'records.company') }}
            as record_key,
        records.company,
        records.module,
        records.natural_key,
        records.quote_number,
        records.crm_customer_id,
        records.customer_name,
        records.customer_name_key as name_key,
        split_part(records.customer_name_key, ' ', 1) as first_key,
        {{ leadhub.regex_extract('records.customer_name_key', ' ([a-z]+)$', 1) }} as last_key,
        records.email,
        records.phone,
        branch_variants.branch_id,
        nullif({{ leadhub.regex_replace('lower(records.street)', '[^a-z0-9]', '') }}, '') as street_key,
        nullif({{ leadhub.regex_extract('lower(records.street)', '^[^a-z0-9]*([0-9]+)', 1) }}, '') as street_number,
        nullif({{ leadhub.regex_replace('lower(records.street)', '[^a-z]', '') }}, '') as street_name_key,
        nullif({{ leadhub.regex_replace('upper(records.postcode)', '[^A-Z0-9]', '') }}, '') as postcode_key,
        nullif({{ leadhub.regex_replace('lower(records.city)', '[^a-z]', '') }}, '') as city_key,
        nullif(split_part(records.email, '@', 1), '') as email_local_part,
        records.event_at,
        records._source_file,
        records._source_row,
        records._exported_at
    from records
    left join branch_variants
        on records.company = branch_variants.company and records.branch_name = branch_variants.variant
),

canonical_first_names as (
    select
        nickname,
        min(first_name) as first_name
    from nicknames
    group by nickname
),

final as (
    select
        keyed.record_key,
        keyed.company,
        keyed.module,
        keyed.natural_key,
        keyed.quote_number,
        keyed.crm_customer_id,
        keyed.customer_name,
        keyed.name_key,
        keyed.first_key,
        keyed.last_key,
        keyed.email,
        keyed.phone,
        keyed.branch_id,
        keyed.street_key,
        keyed.street_number,
        keyed.street_name_key,
        keyed.postcode_key,
        keyed.city_key,
        keyed.email_local_part,
        keyed.event_at,
        keyed._source_file,
        keyed._source_row,
        keyed._exported_at,
        coalesce(canonical_first_names.first_name, keyed.first_key) as first_canonical,
        case
            when coalesce(keyed.email, keyed.phone, keyed.street_key) is null then keyed.record_key
            else min(keyed.record_key) over (
                partition by
                    keyed.company,
                    keyed.name_key,
                    keyed.email,
                    keyed.phone,
                    keyed.street_key,
                    keyed.postcode_key
            )
        end as profile_key
    from keyed
    left join canonical_first_names
        on keyed.first_key = canonical_first_names.nickname
)

select * from final
