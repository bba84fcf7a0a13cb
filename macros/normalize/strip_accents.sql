{#
    Accents removed character by character (é -> e, Ç -> C, ø -> o, ß -> s), the same on
    every engine: a fixed translate() table instead of unaccent()/strip_accents(), whose
    coverage differs between engines. Used for comparison keys, not for display.
#}
{% macro strip_accents(expr) -%}
    translate(
        {{ expr }},
        'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆČçćčĎďÈÉÊËĒĖĘĚèéêëēėęěĞğÌÍÎÏĪĮİìíîïīįıŁłÑŃŇñńňÒÓÔÕÖØŌŐòóôõöøōőŔŘŕřŚŠŞȘśšşșŤŢȚťţțÙÚÛÜŪŮŰùúûüūůűÝŸýÿŽŹŻžźżßÆæŒœ',
        'AAAAAAAAAaaaaaaaaaCCCcccDdEEEEEEEEeeeeeeeeGgIIIIIIIiiiiiiiLlNNNnnnOOOOOOOOooooooooRRrrSSSSssssTTTtttUUUUUUUuuuuuuuYYyyZZZzzzsAaOo'
    )
{%- endmacro %}
