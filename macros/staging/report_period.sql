{#
    report_period_from_file_name(file): the period a report covers, read from its file name,
    for performance reports whose file has no period columns; null when the name states none.

      ..._2024-01-01_2024-06-30...  (or "... to ...")   2024-01-01/2024-06-30
      ..._2024-H1 / 2024 H2 / 2024h1                    2024-H1
      ..._2024-Q3 / 2024 Q3                             2024-Q3
      ..._2024-03 (a month, not a full date)            2024-03
      "RingCentral Users 2023"                          2023
      ..._2024-12-31 (one full date)                    null: the day the snapshot was taken,
                                                        not a period (newer snapshots supersede)

    Two reports with the same period are a re-export (the newer supersedes); reports of
    different periods both stay.
#}
{% macro report_period_from_file_name(file) -%}
    {%- set name = "lower(" ~ leadhub.regex_replace(file, '^.*/', '') ~ ")" -%}
    {%- set d = '[0-9]{4}-[0-9]{2}-[0-9]{2}' -%}
    {%- set range = '(' ~ d ~ ')[ _]+(to[ _]+)?(' ~ d ~ ')' -%}
    {%- set half = '(^|[^0-9])([0-9]{4})[ _-]?h([12])([^0-9]|$)' -%}
    {%- set quarter = '(^|[^0-9])([0-9]{4})[ _-]?q([1-4])([^0-9]|$)' -%}
    {%- set month = '(^|[^0-9])([0-9]{4}-[0-9]{2})([^0-9-]|$)' -%}
    {%- set year = '(^|[^0-9])((19|20)[0-9]{2})([^0-9]|$)' -%}
    case
        when {{ leadhub.regex_matches(name, range) }}
            then {{ leadhub.regex_extract(name, range, 1) }} || '/' || {{ leadhub.regex_extract(name, range, 3) }}
        when {{ leadhub.regex_matches(name, half) }}
            then {{ leadhub.regex_extract(name, half, 2) }} || '-H' || {{ leadhub.regex_extract(name, half, 3) }}
        when {{ leadhub.regex_matches(name, quarter) }}
            then {{ leadhub.regex_extract(name, quarter, 2) }} || '-Q' || {{ leadhub.regex_extract(name, quarter, 3) }}
        when {{ leadhub.regex_matches(name, d) }} then null
        when {{ leadhub.regex_matches(name, month) }} then {{ leadhub.regex_extract(name, month, 2) }}
        when {{ leadhub.regex_matches(name, year) }} then {{ leadhub.regex_extract(name, year, 2) }}
    end
{%- endmacro %}
