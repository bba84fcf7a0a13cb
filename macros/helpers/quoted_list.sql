{#
    quoted_list(values): a list of strings as the inside of a SQL `in (...)`: 'a', 'b'.
#}
{% macro quoted_list(values) -%}
    {%- for value in values -%}
        '{{ value }}'{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
