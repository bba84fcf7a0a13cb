{#
    One row per job (current version). customer_id only for jobs whose status makes a
    customer (var customer_job_statuses: BOOKED, CLOSED); a quoted, lost or cancelled job's
    person is still resolved, but stays a lead.
#}
{{
    config(indexes=leadhub.postgres_indexes([
        ['customer_id', 'opportunity_status'],
        ['sales_person_id'],
        ['branch_id'],
        ['lead_source_id'],
        ['booked_opportunity_id'],
    ]))
}}

with

jobs as (
    select * from {{ ref('stg_crm__jobs') }}
),

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities') }}
),

record_links as (
    select * from {{ ref('int_record_links') }}
),

final as (
    select
        {{ leadhub.mart_id('jobs', 'cast(jobs.job_id as ' ~ dbt.type_string() ~ ')', 'jobs.company') }} as id,
        jobs.company,
        jobs.job_id,
        jobs.job_number,
        jobs.quote_number,
        case
            when {{ leadhub.is_customer_job('jobs.opportunity_status') }} then record_links.customer_id
        end as customer_id,
        record_links.sales_person_id,
        record_links.branch_id,
        record_links.lead_source_id,
        {{ leadhub.mart_id('booked_opportunities', 'booked_opportunities.quote_number', 'jobs.company') }}
            as booked_opportunity_id,
        jobs.opportunity_status,
        jobs.job_date,
        {{ leadhub.job_booked_date('jobs') }} as booked_date,
        jobs.job_type,
        jobs.customer_name,
        jobs.email,
        jobs.phone,
        jobs.affiliate_name,
        jobs.created_at_utc,
        jobs.booked_at_utc,
        jobs.hourly_rate_quoted,
        jobs.total_estimated_cost,
        jobs.hourly_rate_billed,
        jobs.total_actual_cost,
        jobs.actual_number_crew,
        jobs.actual_number_trucks,
        jobs.origin_address,
        jobs.origin_city,
        jobs.origin_state,
        jobs.origin_zip,
        jobs.origin_type,
        jobs.destination_address,
        jobs.destination_city,
        jobs.destination_state,
        jobs.destination_zip,
        jobs.destination_type,
        jobs._source_file as source_file,
        jobs._source_row as source_row
    from jobs
    left join record_links
        on
            record_links.module = 'jobs'
            and jobs.company = record_links.company
            and cast(jobs.job_id as {{ dbt.type_string() }}) = record_links.natural_key
    left join booked_opportunities
        on jobs.company = booked_opportunities.company and jobs.quote_number = booked_opportunities.quote_number
)

select * from final
