{#
    Accents removed character by character (é -> e, Ç -> C, ø -> o, ß -> s), the same on
    every engine: a fixed translate() table instead of unaccent()/strip_accents(), whose
    coverage differs between engines. Used for comparison keys, not for display.
    translate() with this table is the costliest string function of staging (1.2 s per 300k
    names on DuckDB): plain ASCII text, nearly all of it, has no accent and skips it.
#}
{% macro strip_accents(expr) -%}
    case
        when {{ leadhub.is_ascii(expr) }} then {{ expr }}
        else {{ leadhub.translate_accents(expr) }}
    end
{%- endmacro %}

{# translate_accents(expr): the translate table itself, on every value. #}
{% macro translate_accents(expr) -%}
    translate(
        {{ expr }},
        'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆČçćčĎďÈÉÊËĒĖĘĚèéêëēėęěĞğÌÍÎÏĪĮİìíîïīįıŁłÑŃŇñńňÒÓÔÕÖØŌŐòóôõöøōőŔŘŕřŚŠŞȘśšşșŤŢȚťţțÙÚÛÜŪŮŰùúûüūůűÝŸýÿŽŹŻžźżßÆæŒœ',
        'AAAAAAAAAaaaaaaaaaCCCcccDdEEEEEEEEeeeeeeeeGgIIIIIIIiiiiiiiLlNNNnnnOOOOOOOOooooooooRRrrSSSSssssTTTtttUUUUUUUuuuuuuuYYyyZZZzzzsAaOo'
    )
{%- endmacro %}

{# is_ascii(expr): true when the text has only ASCII characters (as many bytes as characters). #}
{% macro is_ascii(expr) -%}
    {{ return(adapter.dispatch('is_ascii', 'leadhub')(expr)) }}
{%- endmacro %}

{% macro default__is_ascii(expr) -%}
    (octet_length({{ expr }}) = length({{ expr }}))
{%- endmacro %}

{% macro duckdb__is_ascii(expr) -%}
    (strlen({{ expr }}) = length({{ expr }}))
{%- endmacro %}
