{#
    Overlapping exports repeat rows. For a staged relation with a natural key, every row gets:

      row_status      current     the newest version of its key (the one staging keeps)
                      superseded  an older version, from an earlier export (history)
                      rejected    no usable natural key: not staged (reported as an issue)
      version_number  1 for the newest version of a key, 2 for the one before, ...
      valid_from      the export time of this version
      valid_to        the export time of the next newer version (null for the current one)

    "Newest" orders by export time, then load time, then file name and row: deterministic.
    Keys are per company: two companies' rows with the same key are two records.
#}

{% macro version_order() -%}
    _exported_at desc, _loaded_at desc, _source_file desc, _source_row desc
{%- endmacro %}

{% macro version_columns(key) -%}
    case
        when {{ key }} is null then 'rejected'
        when row_number() over (partition by company, {{ key }} order by {{ leadhub.version_order() }}) = 1 then 'current'
        else 'superseded'
    end as row_status,
    case
        when {{ key }} is not null
            then row_number() over (partition by company, {{ key }} order by {{ leadhub.version_order() }})
    end as version_number,
    _exported_at as valid_from,
    case
        when {{ key }} is not null
            then lag(_exported_at) over (partition by company, {{ key }} order by {{ leadhub.version_order() }})
    end as valid_to
{%- endmacro %}

{# The lineage every staged row carries back to its export record, and its company. #}
{% macro lineage_columns(relation=none) -%}
    {%- set p = relation ~ '.' if relation else '' -%}
    {{ leadhub.company_column(relation) if relation else 'company' }},
    {{ p }}_source_file,
    {{ p }}_source_row,
    {{ p }}_source_line,
    {{ p }}_load_id,
    {{ p }}_exported_at,
    {{ p }}_loaded_at,
    {{ p }}_extra
{%- endmacro %}
