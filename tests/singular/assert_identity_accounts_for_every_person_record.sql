{#
    Identity accounting: every current record of every module that names a person is an
    identity record, and every identity record resolved to exactly one customer. Returns one
    row per module whose counts differ.
#}
with

staged as (
    {% for module in ['lead_status', 'booked_opportunities', 'lost_leads', 'bad_leads', 'jobs', 'customers'] %}
        select
            '{{ module }}' as module,
            count(*) as staged_records
        from {{ ref('stg_crm__' ~ module) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

identity_records as (
    select
        module,
        count(*) as identity_records
    from {{ ref('int_identity_records') }}
    group by module
),

resolved as (
    select
        module,
        count(*) as resolved_records,
        count(distinct record_key) as distinct_records,
        sum(case when customer_id is null then 1 else 0 end) as unresolved_records
    from {{ ref('int_customer_records') }}
    group by module
),

final as (
    select
        staged.module,
        staged.staged_records,
        identity_records.identity_records,
        resolved.resolved_records,
        resolved.distinct_records,
        resolved.unresolved_records
    from staged
    left join identity_records
        on staged.module = identity_records.module
    left join resolved
        on staged.module = resolved.module
    where
        staged.staged_records <> coalesce(identity_records.identity_records, 0)
        or staged.staged_records <> coalesce(resolved.resolved_records, 0)
        or staged.staged_records <> coalesce(resolved.distinct_records, 0)
        or coalesce(resolved.unresolved_records, 0) > 0
)

select * from final
