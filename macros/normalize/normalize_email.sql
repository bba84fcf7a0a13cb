{#
    Email: trimmed and lower-cased. email_status says what the value is:
      valid        a plausible address
      placeholder  none@none.com, noemail@..., ... (seeds/placeholder_emails.csv)
      invalid      not an address (reported in stg_crm__value_issues)
      null         blank
    normalize_email keeps only valid addresses (placeholders and invalid values -> null).
#}

{% macro email_text(expr) -%}
    nullif(lower(trim({{ expr }})), '')
{%- endmacro %}

{% macro email_status(expr) -%}
    {%- set email = leadhub.email_text(expr) -%}
    {%- set placeholders = ref('placeholder_emails') -%}
    case
        when {{ email }} is null then null
        when
            {{ email }} in (select p.value from {{ placeholders }} as p where p.match_on = 'address')
            or split_part({{ email }}, '@', 1) in (
                select p.value from {{ placeholders }} as p where p.match_on = 'local_part'
            )
            or split_part({{ email }}, '@', 2) in (
                select p.value from {{ placeholders }} as p where p.match_on = 'domain'
            )
            then 'placeholder'
        when {{ leadhub.regex_matches(email, '^[^@\s]+@[^@\s]+\.[a-z]{2,}$') }} then 'valid'
        else 'invalid'
    end
{%- endmacro %}

{% macro normalize_email(expr) -%}
    case when {{ leadhub.email_status(expr) }} = 'valid' then {{ leadhub.email_text(expr) }} end
{%- endmacro %}
