{#
    Fuzzy string comparison, the same on every engine.

    edit_distance(a, b):   Levenshtein distance (insertions, deletions, substitutions).
                           DuckDB has it built in; PostgreSQL gets it from the fuzzystrmatch
                           extension, which the on-run-start hook creates (it is a trusted
                           extension: the database owner may create it).
    name_similarity(a, b): 1 - distance / length of the longer string, in [0, 1]; null when
                           either side is null. Callers compare it with a threshold var.
    Use both only inside blocking keys: never over a cross join.
#}

{% macro edit_distance(a, b) -%}
    {{ return(adapter.dispatch('edit_distance', 'leadhub')(a, b)) }}
{%- endmacro %}

{% macro default__edit_distance(a, b) -%}
    levenshtein({{ a }}, {{ b }})
{%- endmacro %}

{% macro name_similarity(a, b) -%}
    (1.0 - cast({{ leadhub.edit_distance(a, b) }} as {{ leadhub.type_double() }})
        / nullif(greatest(length({{ a }}), length({{ b }})), 0))
{%- endmacro %}

{#
    log2(x): the logarithm in base 2 (bits of evidence), from the natural logarithm every
    engine has.
#}
{% macro log2(x) -%}
    (ln({{ x }}) / ln(2.0))
{%- endmacro %}

{#
    type_double(): a 64-bit float on every engine. dbt's type_float is a 32-bit REAL on DuckDB,
    too coarse for match weights (and DuckDB and PostgreSQL would disagree in the 8th digit).
#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'leadhub')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
