{#
    One row per identity profile (int_identity_records.profile_key): the records spelling the
    name the same way with the same email, phone, street and postcode. Identity compares
    profiles: a person's lead, booked opportunity and job of one quote are one profile, and
    one comparison covers them all.

    email_domain, email_letters and email_digits split the email for comparing it (a typo
    changes a letter, another account of the same name usually changes the digits).

    The profile's fields are its records' (equal by construction), except event_at, its
    first record's time, and branch_id, the branch of the record that names the profile.

    company is the records' (a profile never spans companies: its key is partitioned by it).

    profile_number numbers the profiles in key order: the pairs of int_identity_candidate_pairs
    are made of numbers, which join and compare several times faster than the keys.
#}
with

records as (
    select * from {{ ref('int_identity_records') }}
),

members as (
    select
        profile_key,
        count(*) as record_count,
        min(event_at) as event_at,
        max(case when quote_number is null then 0 else 1 end) = 1 as has_quote
    from records
    group by profile_key
),

final as (
    select
        records.profile_key,
        row_number() over (order by records.profile_key) as profile_number,
        records.company,
        records.name_key,
        records.first_key,
        records.first_canonical,
        records.last_key,
        records.email,
        records.email_local_part,
        split_part(records.email, '@', 2) as email_domain,
        {{ leadhub.regex_replace('records.email_local_part', '[^a-z]', '') }} as email_letters,
        {{ leadhub.regex_replace('records.email_local_part', '[^0-9]', '') }} as email_digits,
        records.phone,
        records.street_key,
        records.street_number,
        records.street_name_key,
        records.postcode_key,
        records.city_key,
        records.branch_id,
        members.event_at,
        members.record_count,
        members.has_quote
    from records
    inner join members
        on records.profile_key = members.profile_key
    where records.record_key = records.profile_key
)

select * from final
