{#
    Dates and date-times as the CRM exports write them, null when blank, `TBD`, or not a
    real date (a parse issue is reported by stg_crm__value_issues):

        M/D/YYYY            M/D/YYYY h:mm AM      M/D/YYYY h:mm:ss PM     M/D/YYYY HH:MM
        YYYY-MM-DD          YYYY-MM-DD HH:MM[:SS] YYYY-MM-DDTHH:MM:SS

    parse_timestamp keeps the time (midnight for a date); parse_date drops it.
#}


{# The two accepted shapes; group numbers are used by both implementations below. #}
{% macro timestamp_patterns() -%}
    {{ return({
        'us': '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})( +([0-9]{1,2}):([0-9]{2})(:([0-9]{2}))? *([AaPp][Mm])?)?$',
        'iso': '^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([ T]([0-9]{1,2}):([0-9]{2})(:([0-9]{2}))?(\.[0-9]+)?)?$',
    }) }}
{%- endmacro %}

{% macro parse_timestamp(expr) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'leadhub')(expr)) }}
{%- endmacro %}

{#
    PostgreSQL evaluates every repeated sub-expression again, which made the inline SQL below
    run ~40 regular expressions per value; there the same rules run in a function that
    matches once (macros/cross_engine/postgres_functions.sql, created on-run-start).
#}
{% macro postgres__parse_timestamp(expr) -%}
    {{ target.schema }}.leadhub_parse_timestamp({{ expr }})
{%- endmacro %}

{% macro default__parse_timestamp(expr) -%}
    {%- set value = "trim(" ~ expr ~ ")" -%}
    {%- set us = leadhub.timestamp_patterns()['us'] -%}
    {%- set iso = leadhub.timestamp_patterns()['iso'] -%}
    {%- set us_hour = "coalesce(cast(" ~ leadhub.regex_extract(value, us, 5) ~ " as integer), 0)" -%}
    {%- set us_ampm = "lower(" ~ leadhub.regex_extract(value, us, 9) ~ ")" -%}
    case
        when {{ leadhub.regex_matches(value, iso) }}
            then {{ leadhub.timestamp_from_parts(
                "cast(" ~ leadhub.regex_extract(value, iso, 1) ~ " as integer)",
                "cast(" ~ leadhub.regex_extract(value, iso, 2) ~ " as integer)",
                "cast(" ~ leadhub.regex_extract(value, iso, 3) ~ " as integer)",
                "coalesce(cast(" ~ leadhub.regex_extract(value, iso, 5) ~ " as integer), 0)",
                "coalesce(cast(" ~ leadhub.regex_extract(value, iso, 6) ~ " as integer), 0)",
                "coalesce(cast(" ~ leadhub.regex_extract(value, iso, 8) ~ " as integer), 0)",
            ) }}
        when {{ leadhub.regex_matches(value, us) }}
            then {{ leadhub.timestamp_from_parts(
                "cast(" ~ leadhub.regex_extract(value, us, 3) ~ " as integer)",
                "cast(" ~ leadhub.regex_extract(value, us, 1) ~ " as integer)",
                "cast(" ~ leadhub.regex_extract(value, us, 2) ~ " as integer)",
                "case when " ~ us_ampm ~ " is null then " ~ us_hour
                    ~ " when " ~ us_hour ~ " not between 1 and 12 then -1"
                    ~ " when " ~ us_ampm ~ " = 'am' then " ~ us_hour ~ " % 12"
                    ~ " else " ~ us_hour ~ " % 12 + 12 end",
                "coalesce(cast(" ~ leadhub.regex_extract(value, us, 6) ~ " as integer), 0)",
                "coalesce(cast(" ~ leadhub.regex_extract(value, us, 8) ~ " as integer), 0)",
            ) }}
    end
{%- endmacro %}

{% macro parse_date(expr) -%}
    cast({{ leadhub.parse_timestamp(expr) }} as date)
{%- endmacro %}
