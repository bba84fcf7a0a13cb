{#
    Dates and timestamps from integer parts, null (never an error) when the parts do not
    make a real date or time: 2/30/2024 is null, not a failed build, and so is a year outside
    var date_min_year .. var date_max_year (0001, 9999: a placeholder or a typo). Used by the inline
    parse_timestamp (engines with try_cast); PostgreSQL parses in leadhub_parse_timestamp
    (postgres_functions.sql) instead.
#}

{% macro date_from_parts(year, month, day) -%}
    case
        when {{ year }} between {{ var('date_min_year') }} and {{ var('date_max_year') }}
            then try_cast(
                lpad(cast({{ year }} as {{ dbt.type_string() }}), 4, '0') || '-' || lpad(cast({{ month }} as {{ dbt.type_string() }}), 2, '0')
                || '-' || lpad(cast({{ day }} as {{ dbt.type_string() }}), 2, '0') as date
            )
    end
{%- endmacro %}

{% macro timestamp_from_parts(year, month, day, hour, minute, second) -%}
    case
        when {{ hour }} between 0 and 23 and {{ minute }} between 0 and 59 and {{ second }} between 0 and 59
            then cast({{ leadhub.date_from_parts(year, month, day) }} as timestamp)
            + ({{ hour }} * 3600 + {{ minute }} * 60 + {{ second }}) * interval '1 second'
    end
{%- endmacro %}

{#
    days_between(start_date, end_date): whole days from one date to another, as a bigint
    (negative when end_date is earlier); null when either is null.
#}
{% macro days_between(start_date, end_date) -%}
    {{ return(adapter.dispatch('days_between', 'leadhub')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__days_between(start_date, end_date) -%}
    cast(date_diff('day', {{ start_date }}, {{ end_date }}) as bigint)
{%- endmacro %}

{% macro postgres__days_between(start_date, end_date) -%}
    cast({{ end_date }} - {{ start_date }} as bigint)
{%- endmacro %}

{% macro spark__days_between(start_date, end_date) -%}
    cast(datediff({{ end_date }}, {{ start_date }}) as bigint)
{%- endmacro %}
