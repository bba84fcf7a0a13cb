{#
    One row per person identity resolution found (and knows a name, email, phone or CRM id
    of: macros/marts/rules.sql), lead or customer (the customer base is
    customers + leads). A person is a customer once a job of theirs is BOOKED or CLOSED
    (var customer_job_statuses); everyone else is a lead.

    first_lead_date  earliest day the person reached us as a lead: lead_status received,
                     bad lead received, lost lead received (else its lost date)
    conversion_date  customers only: earliest booked opportunity or customer job booking
    merge_history    one JSON entry per record merged into the person (the anchor record,
                     the earliest, has none): method, confidence (an evidence match: its
                     probability), evidence (the comparison levels that decided an evidence
                     match), when and by whom
#}
{{
    config(indexes=leadhub.postgres_indexes([
        ['first_lead_date'],
        ['conversion_date'],
        ['first_lead_source_id'],
    ]))
}}

{%- set merge_entry = {
    'record_key': 'record_key',
    'matched_record_key': 'matched_record_key',
    'method': 'merge_method',
    'confidence': 'merge_confidence',
    'evidence': 'merge_evidence',
    'merged_at': 'cast(merged_at as ' ~ dbt.type_string() ~ ')',
    'merged_by': 'merged_by',
} %}

with

customers as (
    select * from {{ ref('int_customers') }}
),

customer_records as (
    select * from {{ ref('int_customer_records') }}
),

lead_status as (
    select * from {{ ref('lead_status') }}
),

bad_leads as (
    select * from {{ ref('bad_leads') }}
),

lost_leads as (
    select * from {{ ref('lost_leads') }}
),

booked_opportunities as (
    select * from {{ ref('booked_opportunities') }}
),

jobs as (
    select * from {{ ref('jobs') }}
),

lead_events as (
    select
        customer_id,
        cast(received_at as date) as lead_date,
        1 as module_order,
        id as lead_id,
        lead_source_id
    from lead_status
    where customer_id is not null and received_at is not null
    union all
    select
        customer_id,
        coalesce(cast(received_at as date), lost_date) as lead_date,
        2 as module_order,
        id as lead_id,
        lead_source_id
    from lost_leads
    where customer_id is not null and coalesce(cast(received_at as date), lost_date) is not null
    union all
    select
        customer_id,
        cast(received_at as date) as lead_date,
        3 as module_order,
        id as lead_id,
        lead_source_id
    from bad_leads
    where customer_id is not null and received_at is not null
),

first_leads as (
    select
        customer_id,
        lead_date,
        lead_source_id,
        row_number() over (
            partition by customer_id
            order by lead_date asc, module_order asc, lead_id asc
        ) as lead_rank
    from lead_events
),

lead_counts as (
    select
        customer_id,
        sum(case when module_order = 1 then 1 else 0 end) as lead_status_count,
        sum(case when module_order = 2 then 1 else 0 end) as lost_lead_count,
        sum(case when module_order = 3 then 1 else 0 end) as bad_lead_count
    from lead_events
    group by customer_id
),

customer_jobs as (
    select
        customer_id,
        count(*) as lifetime_job_count,
        sum(total_actual_cost) as lifetime_revenue,
        min(booked_date) as first_job_booked_date
    from jobs
    where customer_id is not null
    group by customer_id
),

customer_bookings as (
    select
        customer_id,
        count(*) as booked_opportunity_count,
        min(booked_date) as first_booked_date
    from booked_opportunities
    where customer_id is not null
    group by customer_id
),

merge_entries as (
    select
        customer_id,
        count(*) as merge_count,
        {{ leadhub.json_object_array_agg(merge_entry, 'merged_at, record_key') }} as merge_history
    from customer_records
    where merge_method is not null
    group by customer_id
),

anchors as (
    select
        customer_id,
        _source_file,
        _source_row
    from customer_records
    where is_anchor
),

final as (
    select
        customers.customer_id as id,
        customers.company,
        customers.customer_name,
        customers.email,
        customers.phone,
        customers.crm_customer_id,
        case when customer_jobs.customer_id is not null then 'customer' else 'lead' end as lifecycle_stage,
        first_leads.lead_date as first_lead_date,
        case
            when customer_jobs.customer_id is not null
                then
                    case
                        when customer_bookings.first_booked_date < customer_jobs.first_job_booked_date
                            then customer_bookings.first_booked_date
                        else customer_jobs.first_job_booked_date
                    end
        end as conversion_date,
        first_leads.lead_source_id as first_lead_source_id,
        cast(coalesce(lead_counts.lead_status_count, 0) as bigint) as lead_status_count,
        cast(coalesce(lead_counts.lost_lead_count, 0) as bigint) as lost_lead_count,
        cast(coalesce(lead_counts.bad_lead_count, 0) as bigint) as bad_lead_count,
        coalesce(customer_bookings.booked_opportunity_count, 0) as booked_opportunity_count,
        coalesce(customer_jobs.lifetime_job_count, 0) as lifetime_job_count,
        cast(coalesce(customer_jobs.lifetime_revenue, 0) as decimal(16, 2)) as lifetime_revenue,
        cast(customers.record_count as bigint) as record_count,
        cast(customers.module_count as bigint) as module_count,
        coalesce(merge_entries.merge_count, 0) as merge_count,
        coalesce(merge_entries.merge_history, {{ leadhub.empty_json_array() }}) as merge_history,
        customers.weakest_merge_confidence,
        customers.first_seen_at,
        customers.last_seen_at,
        anchors._source_file as source_file,
        anchors._source_row as source_row
    from customers
    left join first_leads
        on
            customers.customer_id = first_leads.customer_id
            and first_leads.lead_rank = 1
    left join lead_counts
        on customers.customer_id = lead_counts.customer_id
    left join customer_jobs
        on customers.customer_id = customer_jobs.customer_id
    left join customer_bookings
        on customers.customer_id = customer_bookings.customer_id
    left join merge_entries
        on customers.customer_id = merge_entries.customer_id
    left join anchors
        on customers.customer_id = anchors.customer_id
    where {{ leadhub.is_identified_person('customers') }}
)

select * from final
