{#
    One row per record and blocking key it carries: the input of every identity comparison.

      email, phone, address  the normalized email, phone, street address (letters and digits)
      name_branch_date       branch, initials of first name and surname, and a time bucket of
                             when the lead came in (booked opportunities, dated by their
                             booking, are left out)
                             var identity_name_match_max_days wide ("<branch>|r|s|1123"). A
                             record without a quote number (a bad lead) also probes the two
                             neighbouring buckets (is_probe), so that it meets every record
                             of its branch and initials received within the window.

    profile_anchor_key: within a contact block, records spelling the name the same way are one
    profile, represented by its smallest record key (they need no comparison with each other).
#}
with

records as (
    select * from {{ ref('int_identity_records') }}
),

contact_keys as (
    {%- for kind, column in [('email', 'email'), ('phone', 'phone'), ('address', 'street_key')] %}
        select
            '{{ kind }}' as block_kind,
            {{ column }} as block_value,
            record_key,
            quote_number,
            first_key,
            first_canonical,
            last_key,
            email,
            phone,
            event_at,
            false as is_probe
        from records
        where {{ column }} is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

timed as (
    select
        *,
        cast(floor(
            {{ dbt.datediff("cast('2000-01-01' as " ~ dbt.type_timestamp() ~ ")", 'event_at', 'day') }}
            / {{ var('identity_name_match_max_days') }}.0
        ) as integer) as time_bucket
    from records
    where
        -- event_at is when the lead came in, except for a booked opportunity (its booking date)
        module <> 'booked_opportunities'
        and branch_id is not null
        and event_at is not null
        and first_key is not null
        and last_key is not null
),

bucket_offsets as (
    select -1 as bucket_offset
    union all
    select 0 as bucket_offset
    union all
    select 1 as bucket_offset
),

-- every record is a member of its own bucket; one without a quote probes three
bucket_roles as (
    select
        bucket_offset,
        false as is_probe
    from bucket_offsets
    where bucket_offset = 0
    union all
    select
        bucket_offset,
        true as is_probe
    from bucket_offsets
),

name_keys as (
    select
        'name_branch_date' as block_kind,
        timed.branch_id || '|' || substr(timed.first_key, 1, 1) || '|' || substr(timed.last_key, 1, 1)
        || '|' || cast(timed.time_bucket + bucket_offsets.bucket_offset as {{ dbt.type_string() }})
            as block_value,
        timed.record_key,
        timed.quote_number,
        timed.first_key,
        timed.first_canonical,
        timed.last_key,
        timed.email,
        timed.phone,
        timed.event_at,
        bucket_offsets.is_probe
    from timed
    inner join bucket_roles as bucket_offsets
        on not bucket_offsets.is_probe or timed.quote_number is null
),

all_keys as (
    select * from contact_keys
    union all
    select * from name_keys
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
        email,
        phone,
        event_at,
        is_probe,
        case
            when block_kind = 'name_branch_date' then record_key
            else min(record_key) over (
                partition by block_kind, block_value, coalesce(first_key, ''), coalesce(last_key, '')
            )
        end as profile_anchor_key
    from all_keys
)

select * from final
