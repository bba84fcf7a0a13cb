{#
    One row per profile and blocking key it carries (macros/identity/evidence.sql,
    identity_blocking_rules): the input of every identity comparison. A key with a missing part
    is no key. Blocks are per company: two companies' profiles are never compared.

    name_count is the formal first name + surname of the profile, counted per block by
    int_identity_blocks to find hub contact values.
#}
with

profiles as (
    select * from {{ ref('int_identity_profiles') }}
),

keys as (
    {%- for kind, (expression, fixed) in leadhub.identity_blocking_rules().items() %}
        select
            company,
            '{{ kind }}' as block_kind,
            {{ expression }} as block_value,
            profile_key,
            profile_number,
            first_canonical || ' ' || last_key as name_value
        from profiles
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        company,
        block_kind,
        block_value,
        profile_key,
        profile_number,
        name_value
    from keys
    where block_value is not null
)

select * from final
