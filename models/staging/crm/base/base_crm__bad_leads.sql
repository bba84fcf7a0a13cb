{#
    Bad leads have no quote number. A bad lead is identified by what it says: the person's
    name key, the time it was received, email, phone and provider. The same lead repeated
    in an overlapping export has the same key; `bad_lead_key` is its md5.
#}
with

source as (
    select * from {{ source('crm', 'bad_leads') }}
),

typed as {{ leadhub.materialized() }} (
    select
        {{ leadhub.person_name_columns('source.customer_name') }},
        {{ leadhub.parse_timestamp('source.date_lead_received') }} as received_at,
        source.date_lead_received as received_at_raw,
        {{ leadhub.email_columns('source.customer_email') }},
        {{ leadhub.phone_columns('source.customer_phone') }},
        {{ leadhub.clean_text('source.provider') }} as provider_name,
        {{ leadhub.parse_date('source.move_date') }} as move_date,
        source.move_date as move_date_raw,
        {{ leadhub.clean_text('source.lead_bad_reason') }} as lead_bad_reason,
        {{ leadhub.clean_text('source.branch_name') }} as branch_name,
        {{ leadhub.lineage_columns('source') }}
    from source
),

keyed as (
    select
        *,
        case
            when customer_name_key is not null and received_at is not null
                then md5(
                    customer_name_key
                    || '|' || cast(received_at as {{ dbt.type_string() }})
                    || '|' || coalesce(lower({{ leadhub.clean_text('email_raw') }}), '')
                    || '|' || coalesce({{ leadhub.phone_digits('phone_raw') }}, '')
                    || '|' || coalesce(lower(provider_name), '')
                )
        end as bad_lead_key
    from typed
),

final as (
    select
        *,
        {{ leadhub.version_columns('bad_lead_key') }}
    from keyed
)

select * from final
