{{ config(severity='warn') }}
{#
    Alarms of identity resolution (warn, never silent):
      - a profile in more than var identity_max_pairs_per_record comparisons (blocking too loose)
      - a customer of more than var identity_max_customer_records records (a probable over-merge:
        look at its merge entries in int_customer_records)
#}
with

pair_ends as (
    select profile_key_a as profile_key from {{ ref('int_identity_candidate_pairs') }}
    union all
    select profile_key_b as profile_key from {{ ref('int_identity_candidate_pairs') }}
),

busy_records as (
    select
        'comparisons per profile' as alarm,
        profile_key as subject,
        count(*) as amount
    from pair_ends
    group by profile_key
    having count(*) > {{ var('identity_max_pairs_per_record') }}
),

large_customers as (
    select
        'records per customer' as alarm,
        customer_id as subject,
        record_count as amount
    from {{ ref('int_customers') }}
    where record_count > {{ var('identity_max_customer_records') }}
)

select * from busy_records
union all
select * from large_customers
