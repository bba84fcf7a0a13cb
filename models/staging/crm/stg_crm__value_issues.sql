{#
    Nothing is lost silently: every export value that staging could not normalize (it is
    null in the staged model) and every row that could not be staged, with where it came
    from, the raw value and why.
#}
with

lead_status as (
    select * from {{ ref('stg_crm__lead_status_history') }}
),

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities_history') }}
),

lost_leads as (
    select * from {{ ref('stg_crm__lost_leads_history') }}
),

bad_leads as (
    select * from {{ ref('stg_crm__bad_leads_history') }}
),

jobs as (
    select * from {{ ref('stg_crm__jobs_history') }}
),

customers as (
    select * from {{ ref('stg_crm__customers_history') }}
),

sales_performance as (
    select * from {{ ref('stg_crm__sales_performance_history') }}
),

user_performance as (
    select * from {{ ref('stg_crm__user_performance_history') }}
),

issues as (
    {{ leadhub.value_issues('lead_status', 'lead_status', 'quote_number', [
        'quote_number:quote_number', 'status:status', 'time_to_contact_minutes:duration:time_to_contact_raw',
        'received_at:timestamp', 'email:email', 'phone:phone', 'move_date:date',
    ]) }}
    union all
    {{ leadhub.value_issues('booked_opportunities', 'booked_opportunities', 'quote_number', [
        'quote_number:quote_number', 'status:status', 'booked_date:date', 'email:email', 'phone:phone',
        'service_date:date', 'hourly_rate:money', 'estimated_amount:money', 'invoiced_amount:money',
    ]) }}
    union all
    {{ leadhub.value_issues('lost_leads', 'lost_leads', 'quote_number', [
        'quote_number:quote_number', 'lost_date:date', 'move_date:date', 'received_at:timestamp',
        'time_to_first_contact_minutes:duration:time_to_first_contact_raw', 'email:email', 'phone:phone',
    ]) }}
    union all
    {{ leadhub.value_issues('bad_leads', 'bad_leads', 'bad_lead_key', [
        'received_at:timestamp', 'email:email', 'phone:phone', 'move_date:date',
    ]) }}
    union all
    {{ leadhub.value_issues('jobs', 'jobs', 'job_id', [
        'job_id:integer', 'opportunity_status:status', 'job_date:date', 'quote_number:quote_number',
        'email:email', 'phone:phone', 'created_at_utc:timestamp', 'booked_at_utc:timestamp',
        'hourly_rate_quoted:money', 'total_estimated_cost:money', 'hourly_rate_billed:money',
        'total_actual_cost:money', 'actual_number_crew:integer', 'actual_number_trucks:integer',
    ]) }}
    union all
    {{ leadhub.value_issues('customers', 'customers', 'crm_customer_id', [
        'email:email', 'phone:phone', 'created_at:timestamp',
    ]) }}
    union all
    {{ leadhub.value_issues('sales_performance', 'sales_performance', 'performance_key', [
        'leads_received:integer', 'bad_count:integer', 'bad_pct:percent', 'sent_count:integer',
        'sent_pct:percent', 'pending_count:integer', 'pending_pct:percent', 'booked_count:integer',
        'booked_pct:percent', 'lost_count:integer', 'lost_pct:percent', 'cancelled_count:integer',
        'cancelled_pct:percent', 'booked_total:money', 'average_booking:money', 'period_start:date',
        'period_end:date',
    ]) }}
    union all
    {{ leadhub.value_issues('user_performance', 'user_performance', 'user_key', [
        'user_status:status', 'total_calls:integer', 'avg_calls_per_day:decimal', 'inbound_calls:integer',
        'outbound_calls:integer', 'missed_pct:percent', 'avg_handle_time_seconds:duration:avg_handle_time_raw',
    ]) }}
),

final as (
    select
        module,
        natural_key,
        source_file,
        source_row,
        load_id,
        column_name,
        raw_value,
        reason
    from issues
)

select * from final
