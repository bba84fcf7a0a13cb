{#
    The staged columns every module that names a person carries, built the same way in each
    history model (so identity resolution compares like with like):

      person_name_columns(expr): customer_name, customer_first_name, customer_last_name, customer_name_key
      email_columns(expr):       email, email_status, email_raw
      phone_columns(expr):       phone, phone_extension, phone_country_code, phone_raw
#}

{% macro person_name_columns(expr) -%}
    {{ leadhub.person_full_name(expr) }} as customer_name,
    {{ leadhub.person_first_name(expr) }} as customer_first_name,
    {{ leadhub.person_last_name(expr) }} as customer_last_name,
    {{ leadhub.person_name_key(expr) }} as customer_name_key
{%- endmacro %}

{% macro email_columns(expr) -%}
    {{ leadhub.normalize_email(expr) }} as email,
    {{ leadhub.email_status(expr) }} as email_status,
    {{ expr }} as email_raw
{%- endmacro %}

{% macro phone_columns(expr) -%}
    {{ leadhub.phone_national(expr) }} as phone,
    {{ leadhub.phone_extension(expr) }} as phone_extension,
    {{ leadhub.phone_country_code(expr) }} as phone_country_code,
    {{ expr }} as phone_raw
{%- endmacro %}
