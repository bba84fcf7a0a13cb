with

source as (
    select
        *,
        coalesce(nullif(trim(name), ''), first_name || ' ' || last_name) as full_name
    from {{ source('crm', 'customers') }}
),

typed as {{ leadhub.materialized() }} (
    select
        upper({{ leadhub.clean_text('source.crm_customer_id') }}) as crm_customer_id,
        source.crm_customer_id as crm_customer_id_raw,
        {{ leadhub.person_full_name('source.full_name') }} as customer_name,
        coalesce(
            {{ leadhub.clean_text('source.first_name') }},
            {{ leadhub.person_first_name('source.name') }}
        ) as customer_first_name,
        coalesce(
            {{ leadhub.clean_text('source.last_name') }},
            {{ leadhub.person_last_name('source.name') }}
        ) as customer_last_name,
        {{ leadhub.person_name_key('source.full_name') }} as customer_name_key,
        {{ leadhub.email_columns('source.email') }},
        {{ leadhub.phone_columns('source.phone') }},
        {{ leadhub.clean_text('source.address') }} as address,
        {{ leadhub.clean_text('source.city') }} as city,
        {{ leadhub.clean_text('source.state') }} as state,
        upper({{ leadhub.clean_text('source.zip') }}) as zip,
        {{ leadhub.parse_timestamp('source.created_at') }} as created_at,
        source.created_at as created_at_raw,
        {{ leadhub.lineage_columns('source') }}
    from source
),

final as (
    select
        *,
        {{ leadhub.version_columns('crm_customer_id') }}
    from typed
)

select * from final
