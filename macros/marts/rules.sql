{#
    The business rules the marts share, so each is written once.

    is_customer_job(status): a job that makes its person a customer (var customer_job_statuses,
    BOOKED and CLOSED): only these jobs carry customer_id.
    job_booked_date(jobs): the day a job was booked, its booking time in UTC, else its job date.
    is_identified_person(customers): an int_customers row we know something of: a name, an
    email, a phone or a CRM customer id. A record that carries none of them and links to no
    other record (a job export without customer columns or quote number) is no one we know:
    the marts give it no customer_id and list no customer for it.
#}
{% macro is_customer_job(status) -%}
    {{ status }} in ({{ leadhub.quoted_list(var('customer_job_statuses')) }})
{%- endmacro %}

{% macro job_booked_date(relation) -%}
    coalesce(cast({{ relation }}.booked_at_utc as date), {{ relation }}.job_date)
{%- endmacro %}

{% macro is_identified_person(relation) -%}
    (
        {{ relation }}.customer_name is not null
        or {{ relation }}.email is not null
        or {{ relation }}.phone is not null
        or {{ relation }}.crm_customer_id is not null
    )
{%- endmacro %}
