{#
    orphan_count(model, check, numerator='numerator', denominator='denominator',
    check_column='check_name'): the orphaned rows a report has (the numerator of the row of
    `model` whose `check_column` is `check`, e.g. performance rows with no sales person)
    are reported, and the test warns when there are more than the check's `warn_above` (var
    integrity_orphan_checks) in a company. Returns one row per company over the limit.
#}
{% test orphan_count(model, check, numerator='numerator', denominator='denominator', check_column='check_name') %}
    {{ config(severity='warn') }}
    {%- set spec = var('integrity_orphan_checks')[check] -%}
    {%- set counts_sql = leadhub.check_row_counts(model, check, numerator, denominator, check_column) -%}
    {{ leadhub.log_integrity_check(check, spec, counts_sql) }}

    select
        '{{ check }}' as check_name,
        company,
        {{ numerator }} as numerator,
        {{ spec.warn_above }} as warn_above
    from {{ model }}
    where {{ check_column }} = '{{ check }}' and {{ numerator }} > {{ spec.warn_above }}

{% endtest %}
