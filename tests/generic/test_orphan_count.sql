{#
    orphan_count(model, column_name, check): the rows flagged orphaned (the boolean
    `column_name`, e.g. is_orphan: no sales person resolved) are counted and reported; the
    test warns when there are more than the check's `warn_above` (var
    integrity_orphan_checks). Returns the orphaned rows.
#}
{% test orphan_count(model, column_name, check) %}
    {%- set spec = var('integrity_orphan_checks')[check] -%}
    {{ config(severity='warn', warn_if='>' ~ spec.warn_above) }}
    {{ leadhub.log_integrity_check(check, spec, leadhub.orphan_counts(model, column_name)) }}

    select *
    from {{ model }}
    where {{ column_name }}

{% endtest %}
