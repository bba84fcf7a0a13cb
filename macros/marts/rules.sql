{#
    The business rules the marts share, so each is written once.

    is_customer_job(status): a job that makes its person a customer (var customer_job_statuses,
    BOOKED and CLOSED): only these jobs carry customer_id.
    job_booked_date(jobs): the day a job was booked, its booking time in UTC, else its job date.
#}
{% macro is_customer_job(status) -%}
    {{ status }} in (
        {%- for s in var('customer_job_statuses') -%}
            '{{ s }}'{{ ", " if not loop.last }}
        {%- endfor -%}
    )
{%- endmacro %}

{% macro job_booked_date(relation) -%}
    coalesce(cast({{ relation }}.booked_at_utc as date), {{ relation }}.job_date)
{%- endmacro %}
