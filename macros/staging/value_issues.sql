{#
    What staging checks of every module's values, stated once: value_checks() returns, per
    module, its natural key and a list of "column:kind[:raw_column]" strings (raw_column
    defaults to `<column>_raw`, or `phone_raw` / `email_raw` for phones and emails), where
    kind says how to tell a failure:
      date, timestamp, money, percent, integer, decimal, duration, quote_number
                    the typed column is null while its raw text is not blank (nor TBD for dates)
      status        the mapped status is null while the raw text is not blank
      email         `email_status` is 'invalid' (placeholders are not issues)
      phone         `phone` is null while `phone_raw` is not blank
    stg_crm__value_issues lists every failure (value_issues); stg_crm__value_normalization
    counts present and normalized values per column (value_counts). A null key makes the row
    'rejected' (reported once, as column `key`).
#}

{% macro value_checks() -%}
    {{ return({
        'lead_status': {'key': 'quote_number', 'checks': [
            'quote_number:quote_number', 'status:status', 'time_to_contact_minutes:duration:time_to_contact_raw',
            'received_at:timestamp', 'email:email', 'phone:phone', 'move_date:date',
        ]},
        'booked_opportunities': {'key': 'quote_number', 'checks': [
            'quote_number:quote_number', 'status:status', 'booked_date:date', 'email:email', 'phone:phone',
            'service_date:date', 'hourly_rate:money', 'estimated_amount:money', 'invoiced_amount:money',
        ]},
        'lost_leads': {'key': 'quote_number', 'checks': [
            'quote_number:quote_number', 'lost_date:date', 'move_date:date', 'received_at:timestamp',
            'time_to_first_contact_minutes:duration:time_to_first_contact_raw', 'email:email', 'phone:phone',
        ]},
        'bad_leads': {'key': 'bad_lead_key', 'checks': [
            'received_at:timestamp', 'email:email', 'phone:phone', 'move_date:date',
        ]},
        'jobs': {'key': 'job_id', 'checks': [
            'job_id:integer', 'opportunity_status:status', 'job_date:date', 'quote_number:quote_number',
            'email:email', 'phone:phone', 'created_at_utc:timestamp', 'booked_at_utc:timestamp',
            'hourly_rate_quoted:money', 'total_estimated_cost:money', 'hourly_rate_billed:money',
            'total_actual_cost:money', 'actual_number_crew:integer', 'actual_number_trucks:integer',
        ]},
        'customers': {'key': 'crm_customer_id', 'checks': [
            'email:email', 'phone:phone', 'created_at:timestamp',
        ]},
        'sales_performance': {'key': 'performance_key', 'checks': [
            'leads_received:integer', 'bad_count:integer', 'bad_pct:percent', 'sent_count:integer',
            'sent_pct:percent', 'pending_count:integer', 'pending_pct:percent', 'booked_count:integer',
            'booked_pct:percent', 'lost_count:integer', 'lost_pct:percent', 'cancelled_count:integer',
            'cancelled_pct:percent', 'booked_total:money', 'average_booking:money', 'period_start:date',
            'period_end:date',
        ]},
        'user_performance': {'key': 'user_key', 'checks': [
            'user_status:status', 'total_calls:integer', 'avg_calls_per_day:decimal', 'inbound_calls:integer',
            'outbound_calls:integer', 'missed_pct:percent', 'avg_handle_time_seconds:duration:avg_handle_time_raw',
        ]},
    }) }}
{%- endmacro %}

{# One check string as (column, kind, raw column). #}
{% macro parse_value_check(check) -%}
    {%- set parts = check.split(':') -%}
    {%- set column, kind = parts[0], parts[1] -%}
    {%- set raw = parts[2] if parts | length > 2 else (
        'phone_raw' if kind == 'phone' else ('email_raw' if kind == 'email' else column ~ '_raw')) -%}
    {{ return((column, kind, raw)) }}
{%- endmacro %}

{# The export had a value: its raw text is not blank (nor TBD, for dates). #}
{% macro value_present(raw, kind) -%}
    {{ leadhub.clean_text(raw) }} is not null
    {%- if kind in ('date', 'timestamp') %}
        and upper(trim({{ raw }})) <> 'TBD'
    {%- endif %}
{%- endmacro %}

{# A present value staging could not normalize. #}
{% macro value_failed(column, raw, kind) -%}
    {%- if kind == 'email' -%}
        email_status = 'invalid'
    {%- else -%}
        {{ column }} is null
        and {{ leadhub.value_present(raw, kind) }}
    {%- endif -%}
{%- endmacro %}

{% macro value_issues(relation, module, key, checks) -%}
    {%- set reasons = {
        'date': 'not a date, or a year outside var date_min_year .. date_max_year',
        'timestamp': 'not a date-time, or a year outside var date_min_year .. date_max_year',
        'money': 'not an amount of money, or too large (11 digits before the point at most)',
        'percent': 'not a percentage, or too large (4 digits before the point at most)',
        'integer': 'not a whole number',
        'decimal': 'not a number, or too large (13 digits before the point at most)',
        'duration': 'not a duration',
        'quote_number': 'not a quote number',
        'status': 'unknown status (add it to seeds/status_mappings.csv)',
        'email': 'not an email address',
        'phone': 'not a valid North American phone number',
    } -%}
    select
        '{{ module }}' as module,
        cast(null as {{ dbt.type_string() }}) as natural_key,
        _source_file as source_file,
        _source_row as source_row,
        _load_id as load_id,
        '{{ key }}' as column_name,
        cast(null as {{ dbt.type_string() }}) as raw_value,
        'no usable natural key ({{ key }}): row not staged' as reason
    from {{ relation }}
    where row_status = 'rejected'
    {%- for check in checks %}
        {%- set column, kind, raw = leadhub.parse_value_check(check) %}
    union all
    select
        '{{ module }}' as module,
        cast({{ key }} as {{ dbt.type_string() }}) as natural_key,
        _source_file as source_file,
        _source_row as source_row,
        _load_id as load_id,
        '{{ column }}' as column_name,
        {{ raw }} as raw_value,
        '{{ reasons[kind] }}' as reason
    from {{ relation }}
    where {{ leadhub.value_failed(column, raw, kind) }}
    {%- endfor %}
{%- endmacro %}

{# Per checked column of one module: how many values the export had and how many staging normalized. #}
{% macro value_counts(relation, module, key, checks) -%}
    {%- for check in checks %}
        {%- set column, kind, raw = leadhub.parse_value_check(check) %}
    select
        '{{ module }}' as module,
        '{{ column }}' as column_name,
        '{{ kind }}' as value_kind,
        sum(case when {{ leadhub.value_present(raw, kind) }} then 1 else 0 end) as present_count,
        sum(case when {{ leadhub.value_failed(column, raw, kind) }} then 1 else 0 end) as failed_count
    from {{ relation }}
        {%- if not loop.last %}
    union all
        {%- endif %}
    {%- endfor %}
{%- endmacro %}

{#
    union_value_checks(per_module): per_module (value_issues or value_counts) for every module
    of value_checks(), as one union; each module's base model is the CTE named after it.
#}
{% macro union_value_checks(per_module) -%}
    {%- for module, spec in leadhub.value_checks().items() %}
        {{ per_module(module, module, spec['key'], spec['checks']) }}
        {%- if not loop.last %}
    union all
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
