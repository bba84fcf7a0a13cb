{#
    Phones: `(416) 555-0123`, `416-555-0123`, `+1 416 555 0123`, `4165550123`, with or
    without an extension (`ext. 12`, `x12`, `#12`).

    phone_extension:    the extension digits, or null
    phone_digits:       every digit of the number without the extension
    phone_country_code: '1' for a North American number (10 digits, or 11 starting with 1)
    phone_national:     the comparable 10-digit North American form, null when the number is
                        not a valid NANP number (area code and exchange start with 2-9)
#}


{% macro phone_extension(expr) -%}
    {{ leadhub.regex_extract("lower(trim(" ~ expr ~ "))", '(ext\.?|extension|x|#) *([0-9]{1,6})$', 2) }}
{%- endmacro %}

{% macro phone_digits(expr) -%}
    {{ leadhub.row_function('phone_digits', expr) }}
{%- endmacro %}

{% macro phone_digits_body(expr) -%}
    nullif({{ leadhub.regex_replace(
        leadhub.regex_replace("lower(trim(" ~ expr ~ "))", '(ext\.?|extension|x|#) *[0-9]{1,6}$', ''),
        '[^0-9]', ''
    ) }}, '')
{%- endmacro %}

{% macro phone_country_code(expr) -%}
    {%- set digits = leadhub.phone_digits(expr) -%}
    case
        when length({{ digits }}) = 10 then '1'
        when length({{ digits }}) = 11 and substr({{ digits }}, 1, 1) = '1' then '1'
    end
{%- endmacro %}

{% macro phone_national(expr) -%}
    {%- set digits = leadhub.phone_digits(expr) -%}
    {%- set national = "case when length(" ~ digits ~ ") = 10 then " ~ digits
        ~ " when length(" ~ digits ~ ") = 11 and substr(" ~ digits ~ ", 1, 1) = '1' then substr("
        ~ digits ~ ", 2) end" -%}
    case when {{ leadhub.regex_matches(national, '^[2-9][0-9]{2}[2-9][0-9]{6}$') }} then {{ national }} end
{%- endmacro %}
