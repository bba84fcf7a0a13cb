with

sales_persons as (
    select * from {{ ref('int_sales_persons') }}
),

lookup_first_rows as (
    select * from {{ ref('int_lookup_first_rows') }}
),

final as (
    select
        sales_persons.sales_person_id as id,
        sales_persons.company,
        sales_persons.sales_person_name as name,  -- noqa: RF04
        sales_persons.name_key as normalized_name,
        sales_persons.is_in_crm,
        cast(sales_persons.variant_count as bigint) as variant_count,
        cast(sales_persons.row_count as bigint) as row_count,
        lookup_first_rows._source_file as source_file,
        lookup_first_rows._source_row as source_row
    from sales_persons
    left join lookup_first_rows
        on
            lookup_first_rows.lookup_name = 'sales_person'
            and sales_persons.sales_person_id = lookup_first_rows.entity_id
)

select * from final
