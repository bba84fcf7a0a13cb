{#
    Numbers as exports write them; null when blank or not a number.

    parse_money:   $1,234.50  1234.5  -$20.00  ($20.00)  -> decimal(14, 2)
    parse_percent: 12.5%  12.5  -> decimal(9, 4), in percentage points (12.5 means 12.5 %)
    parse_integer: 1,204  3  -> bigint (a fraction is not an integer: null)
    parse_decimal: 12.5  -> decimal(18, 4)
#}

{% macro _numeric_text(expr, strip) -%}
    {{ leadhub.regex_replace("trim(" ~ expr ~ ")", strip, '') }}
{%- endmacro %}

{% macro parse_money(expr) -%}
    {%- set text = leadhub._numeric_text(expr, '[$,\s]') -%}
    {%- set signed = "case when " ~ leadhub.regex_matches(text, '^\([0-9.]+\)$')
        ~ " then '-' || substr(" ~ text ~ ", 2, length(" ~ text ~ ") - 2) else " ~ text ~ " end" -%}
    case
        when {{ leadhub.regex_matches(signed, '^-?[0-9]+(\.[0-9]+)?$') }}
            then cast({{ signed }} as decimal(14, 2))
    end
{%- endmacro %}

{% macro parse_percent(expr) -%}
    {%- set text = leadhub._numeric_text(expr, '[%\s]') -%}
    case
        when {{ leadhub.regex_matches(text, '^-?[0-9]+(\.[0-9]+)?$') }}
            then cast({{ text }} as decimal(9, 4))
    end
{%- endmacro %}

{% macro parse_integer(expr) -%}
    {%- set text = leadhub._numeric_text(expr, '[,\s]') -%}
    case
        when {{ leadhub.regex_matches(text, '^-?[0-9]{1,18}$') }}
            then cast({{ text }} as bigint)
    end
{%- endmacro %}

{% macro parse_decimal(expr) -%}
    {%- set text = leadhub._numeric_text(expr, '[,\s]') -%}
    case
        when {{ leadhub.regex_matches(text, '^-?[0-9]+(\.[0-9]+)?$') }}
            then cast({{ text }} as decimal(18, 4))
    end
{%- endmacro %}
