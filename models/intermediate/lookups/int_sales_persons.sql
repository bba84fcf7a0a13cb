{#
    One row per sales person: every name variant that resolved to them, across modules.
    The name shown is the most used spelling of the exact (full) name.
#}
with

variants as (
    select * from {{ ref('int_sales_person_variants') }}
),

linked as (
    select * from variants
    where sales_person_id is not null
),

display as (
    select
        sales_person_id,
        variant,
        first_name,
        last_name,
        row_number() over (
            partition by sales_person_id
            order by case when resolution in ('exact', 'override') then 0 else 1 end, row_count desc, variant asc
        ) as preference
    from linked
),

totals as (
    select
        company,
        sales_person_id,
        count(*) as variant_count,
        sum(row_count) as row_count,
        bool_or(seen_in_crm) as is_in_crm
    from linked
    group by company, sales_person_id
),

final as (
    select
        totals.company,
        totals.sales_person_id,
        display.variant as sales_person_name,
        totals.variant_count,
        totals.row_count,
        totals.is_in_crm,
        display.first_name || ' ' || display.last_name as name_key
    from totals
    inner join display
        on
            totals.sales_person_id = display.sales_person_id
            and display.preference = 1
)

select * from final
