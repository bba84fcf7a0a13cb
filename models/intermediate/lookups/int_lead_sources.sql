with

variants as (
    select * from {{ ref('int_lead_source_variants') }}
),

final as (
    select
        company,
        lead_source_id,
        min(lead_source_name) as lead_source_name,
        min(category) as category,
        min(case when is_mapped then 1 else 0 end) = 1 as is_mapped,
        count(*) as variant_count,
        sum(row_count) as row_count
    from variants
    group by company, lead_source_id
)

select * from final
