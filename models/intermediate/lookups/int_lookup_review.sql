{#
    The lookups' review queue: the spellings of int_lookup_variants a person should look at,
    with the rows each covers and the seed that settles it (reasons there).
#}
with

lookup_variants as (
    select * from {{ ref('int_lookup_variants') }}
),

final as (
    select
        company,
        lookup_name,
        variant,
        row_count,
        review_reason as reason,
        resolved_to,
        candidates,
        seed_to_edit
    from lookup_variants
    where review_reason is not null
)

select * from final
