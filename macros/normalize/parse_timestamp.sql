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
    {{ leadhub.project_function('leadhub_parse_timestamp', expr) }}
{%- endmacro %}

{% macro default__parse_timestamp(expr) -%}
    {{ leadhub.regex_parse_timestamp(expr) }}
{%- endmacro %}

{#
    DuckDB runs the rules below as the SQL macro leadhub_parse_timestamp, created once per run
    (macros/cross_engine/duckdb_functions.sql): the compiled models stay small, and linting
    them does not parse the whole expression at every call.
#}
{% macro duckdb__parse_timestamp(expr) -%}
    {{ leadhub.project_function('leadhub_parse_timestamp', expr) }}
{%- endmacro %}

{#
    The body of DuckDB's leadhub_parse_timestamp. It reads the usual shapes with try_strptime,
    one format per value chosen by its shape (a format that fails costs 20x one that reads:
    never try a list), and runs the regular expressions below only for what strptime cannot
    read. strptime is more lenient than the rules: it reads a one-digit minute or second, a
    two-digit year, any run of whitespace. A value with one of those goes to the rules, and a
    year outside the accepted range too, so both paths give the same answer for every input
    (tests/singular/assert_fast_parsers_agree_with_rules.sql holds them to it).
#}
{% macro duckdb_parse_timestamp_body(expr) -%}
    {%- set v = "trim(" ~ expr ~ ")" -%}
    {%- set fast -%}
        (case
            when strpos({{ v }}, '/') > 0 then case
                when lower(right({{ v }}, 1)) = 'm' then try_strptime({{ v }}, '%m/%d/%Y %I:%M %p')
                when strpos({{ v }}, ' ') = 0 then try_strptime({{ v }}, '%m/%d/%Y')
                when {{ v }} like '%:%:%' then try_strptime({{ v }}, '%m/%d/%Y %H:%M:%S')
                else try_strptime({{ v }}, '%m/%d/%Y %H:%M')
            end
            when strpos({{ v }}, 'T') > 0 then try_strptime({{ v }}, '%Y-%m-%dT%H:%M:%S')
            when strpos({{ v }}, ' ') = 0 then try_strptime({{ v }}, '%Y-%m-%d')
            when {{ v }} like '%:%:%' then try_strptime({{ v }}, '%Y-%m-%d %H:%M:%S')
            else try_strptime({{ v }}, '%Y-%m-%d %H:%M')
        end)
    {%- endset -%}
    case
        when {{ v }} = '' then null
        when
            not ({{ v }} like '%:_' or {{ v }} like '%:_:%' or {{ v }} like '%:_ %')
            and not {{ leadhub.has_irregular_space(v) }}
            and year({{ fast }}) between {{ var('date_min_year') }} and {{ var('date_max_year') }}
            then {{ fast }}
        else {{ leadhub.regex_parse_timestamp(expr) }}
    end
{%- endmacro %}

{% macro regex_parse_timestamp(expr) -%}
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
