{#
    Numbers as exports write them; null when blank, not a number, or too large for the
    column (a value issue in stg_crm__value_issues, never a failed build).

    parse_money:   $1,234.50  1234.5  -$20.00  ($20.00)  -> decimal(14, 2), at most 11 digits
                   before the point; a decimal comma (1.234,50  12,5) is read as such, while
                   1,234 stays one thousand two hundred and thirty-four
    parse_percent: 12.5%  12.5  -> decimal(9, 4), in percentage points (12.5 means 12.5 %),
                   at most 4 digits before the point
    parse_integer: 1,204  3  -> bigint (a fraction is not an integer: null)
    parse_decimal: 12.5  -> decimal(18, 4), at most 13 digits before the point
    The digit limits leave room for rounding the fraction: 99999999999.999 still fits.
#}

{% macro _numeric_text(expr, strip) -%}
    {{ leadhub.regex_replace("trim(" ~ expr ~ ")", strip, '') }}
{%- endmacro %}

{#
    A decimal comma: a comma followed by one or two last digits (1.234,50  12,5). The text
    becomes the usual form: dots removed, the comma a point. Any other comma groups thousands.
#}
{% macro _decimal_comma_to_point(text) -%}
    case
        when {{ leadhub.regex_matches(text, ',[0-9]{1,2}\)?$') }}
            then replace(replace({{ text }}, '.', ''), ',', '.')
        else replace({{ text }}, ',', '')
    end
{%- endmacro %}

{% macro parse_money(expr) -%}
    {%- set text = leadhub._decimal_comma_to_point(leadhub._numeric_text(expr, '[$\s]')) -%}
    {%- set signed = "case when " ~ leadhub.regex_matches(text, '^\([0-9.]+\)$')
        ~ " then '-' || substr(" ~ text ~ ", 2, length(" ~ text ~ ") - 2) else " ~ text ~ " end" -%}
    case
        when {{ leadhub.regex_matches(signed, '^-?[0-9]{1,11}(\.[0-9]+)?$') }}
            then cast({{ signed }} as decimal(14, 2))
    end
{%- endmacro %}

{% macro parse_percent(expr) -%}
    {%- set text = leadhub._numeric_text(expr, '[%\s]') -%}
    case
        when {{ leadhub.regex_matches(text, '^-?[0-9]{1,4}(\.[0-9]+)?$') }}
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
        when {{ leadhub.regex_matches(text, '^-?[0-9]{1,13}(\.[0-9]+)?$') }}
            then cast({{ text }} as decimal(18, 4))
    end
{%- endmacro %}
