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
            {{ leadhub.in_seed_values(email, placeholders, 'address') }}
            or {{ leadhub.in_seed_values("split_part(" ~ email ~ ", '@', 1)", placeholders, 'local_part') }}
            or {{ leadhub.in_seed_values("split_part(" ~ email ~ ", '@', 2)", placeholders, 'domain') }}
            then 'placeholder'
        when {{ leadhub.regex_matches(email, '^[^@\s]+@[^@\s]+\.[a-z]{2,}$') }} then 'valid'
        else 'invalid'
    end
{%- endmacro %}

{% macro normalize_email(expr) -%}
    case when {{ leadhub.email_status(expr) }} = 'valid' then {{ leadhub.email_text(expr) }} end
{%- endmacro %}

{#
    in_seed_values(expr, seed, match_on): expr is one of the seed's values for match_on. On
    DuckDB the values are gathered into a list once per query (an uncorrelated subquery) and
    looked up there: three `in (select ...)` joins per email column cost 5x as much.
#}
{% macro in_seed_values(expr, seed, match_on) -%}
    {{ return(adapter.dispatch('in_seed_values', 'leadhub')(expr, seed, match_on)) }}
{%- endmacro %}

{% macro default__in_seed_values(expr, seed, match_on) -%}
    {{ expr }} in (select p.value from {{ seed }} as p where p.match_on = '{{ match_on }}')
{%- endmacro %}

{% macro duckdb__in_seed_values(expr, seed, match_on) -%}
    coalesce(list_contains(
        (select list(p.value) from {{ seed }} as p where p.match_on = '{{ match_on }}'),
        {{ expr }}
    ), false)
{%- endmacro %}
