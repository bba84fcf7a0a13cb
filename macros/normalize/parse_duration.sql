{#
    Durations.

    parse_duration_minutes: time to contact as `12 min`, `3 hours`, `2 days`, `1.5 hrs`
        (any case) or `HH:MM[:SS]` -> minutes, decimal(12, 2).
    parse_hms_seconds: handle time as `HH:MM:SS` (or `MM:SS`) -> seconds, integer.
#}

{% macro duration_units_pattern() -%}
    {{ return('^([0-9]+(\.[0-9]+)?) *(m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days)$') }}
{%- endmacro %}

{% macro parse_duration_minutes(expr) -%}
    {{ return(adapter.dispatch('parse_duration_minutes', 'leadhub')(expr)) }}
{%- endmacro %}

{#
    PostgreSQL evaluates each regexp_match below again (five per value, ~30 us each): there
    the same rules run in a function that matches once (postgres_functions.sql).
#}
{% macro postgres__parse_duration_minutes(expr) -%}
    {{ leadhub.project_function('leadhub_parse_duration_minutes', expr) }}
{%- endmacro %}

{% macro default__parse_duration_minutes(expr) -%}
    {{ leadhub.rules_parse_duration_minutes(expr) }}
{%- endmacro %}

{% macro rules_parse_duration_minutes(expr) -%}
    {%- set value = "lower(trim(" ~ expr ~ "))" -%}
    {%- set units = leadhub.duration_units_pattern() -%}
    {%- set amount = "cast(" ~ leadhub.regex_extract(value, units, 1) ~ " as decimal(12, 2))" -%}
    {%- set unit = leadhub.regex_extract(value, units, 3) -%}
    case
        when {{ leadhub.regex_matches(value, units) }}
            then cast(
                {{ amount }} * case
                    when {{ unit }} in ('d', 'day', 'days') then 1440
                    when {{ unit }} in ('h', 'hr', 'hrs', 'hour', 'hours') then 60
                    else 1
                end as decimal(12, 2)
            )
        when {{ leadhub.regex_matches(value, '^[0-9]+:[0-5][0-9](:[0-5][0-9])?$') }}
            then cast({{ leadhub.parse_hms_seconds(value) }} / 60.0 as decimal(12, 2))
    end
{%- endmacro %}

{% macro parse_hms_seconds(expr) -%}
    {%- set value = "trim(" ~ expr ~ ")" -%}
    {%- set hms = '^([0-9]+):([0-5][0-9]):([0-5][0-9])$' -%}
    {%- set ms = '^([0-9]+):([0-5][0-9])$' -%}
    case
        when {{ leadhub.regex_matches(value, hms) }}
            then cast({{ leadhub.regex_extract(value, hms, 1) }} as integer) * 3600
            + cast({{ leadhub.regex_extract(value, hms, 2) }} as integer) * 60
            + cast({{ leadhub.regex_extract(value, hms, 3) }} as integer)
        when {{ leadhub.regex_matches(value, ms) }}
            then cast({{ leadhub.regex_extract(value, ms, 1) }} as integer) * 60
            + cast({{ leadhub.regex_extract(value, ms, 2) }} as integer)
    end
{%- endmacro %}
