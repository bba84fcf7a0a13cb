{#
    One row per record and blocking key it carries: the input of every identity comparison.

      email, phone, address  the normalized email, phone, street address (letters and digits)
      name_branch_date       branch, formal first name and surname ("<branch>|robert|smith")

    profile_anchor_key: within a contact block, records spelling the name the same way are one
    profile, represented by its smallest record key (they need no comparison with each other).
#}
with

records as (
    select * from {{ ref('int_identity_records') }}
),

keys as (
    select
        'email' as block_kind,
        email as block_value,
        record_key,
        quote_number,
        first_key,
        first_canonical,
        last_key,
        event_at
    from records
    where email is not null
    union all
    select
        'phone' as block_kind,
        phone as block_value,
        record_key,
        quote_number,
        first_key,
        first_canonical,
        last_key,
        event_at
    from records
    where phone is not null
    union all
    select
        'address' as block_kind,
        street_key as block_value,
        record_key,
        quote_number,
        first_key,
        first_canonical,
        last_key,
        event_at
    from records
    where street_key is not null
    union all
    select
        'name_branch_date' as block_kind,
        branch_id || '|' || first_canonical || '|' || last_key as block_value,
        record_key,
        quote_number,
        first_key,
        first_canonical,
        last_key,
        event_at
    from records
    where branch_id is not null and first_canonical is not null and last_key is not null
),

final as (
    select
        block_kind,
        block_value,
        record_key,
        quote_number,
        first_key,
        first_canonical,
        last_key,
        event_at,
        case
            when block_kind = 'name_branch_date' then record_key
            else min(record_key) over (
                partition by block_kind, block_value, coalesce(first_key, ''), coalesce(last_key, '')
            )
        end as profile_anchor_key
    from keys
)

select * from final
