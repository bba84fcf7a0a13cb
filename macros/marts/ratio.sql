{#
    ratio(numerator, denominator, scale=4): numerator / denominator as a decimal with `scale`
    places, rounded half up, null when the denominator is 0. Both arguments are non-negative
    integers. The division is done in integers (int_div) so that DuckDB, whose decimal
    division returns a double, and PostgreSQL, whose numeric division is exact, round
    identically.
#}
{% macro ratio(numerator, denominator, scale=4) -%}
    {%- set unit = 10 ** scale -%}
    case
        when {{ denominator }} > 0
            then cast(
                cast(
                    {{ leadhub.int_div(
                        '(2 * ' ~ unit ~ ' * (' ~ numerator ~ ') + (' ~ denominator ~ '))',
                        '(2 * (' ~ denominator ~ '))'
                    ) }} as decimal(18, 0)
                ) * cast({{ '0.' ~ '0' * (scale - 1) ~ '1' }} as decimal({{ scale + 1 }}, {{ scale }}))
                as decimal({{ scale + 5 }}, {{ scale }})
            )
    end
{%- endmacro %}

{#- int_div(a, b): integer division of non-negative integers (the floor). -#}
{% macro int_div(a, b) -%}
    {{ return(adapter.dispatch('int_div', 'leadhub')(a, b)) }}
{%- endmacro %}

{% macro default__int_div(a, b) -%}
    ({{ a }}) / ({{ b }})
{%- endmacro %}

{% macro duckdb__int_div(a, b) -%}
    ({{ a }}) // ({{ b }})
{%- endmacro %}

{% macro spark__int_div(a, b) -%}
    ({{ a }}) div ({{ b }})
{%- endmacro %}
