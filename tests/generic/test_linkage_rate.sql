{#
    linkage_rate(model, column_name, check): the share of the rows expected to link whose
    foreign key is set must reach the check's thresholds. The check is a key of var
    integrity_linkage_checks, which states the expected rows (the denominator, a SQL
    condition), `error_below` and `warn_below`.

    Returns one row per threshold missed (check, level, rate, threshold, numerator,
    denominator), so the test warns with 1 row and fails with 2 (warn_if >= 1, error_if
    >= 2). It also prints the check, rate, thresholds, numerator and denominator when it
    does not pass.

        columns:
          - name: customer_id
            data_tests:
              - linkage_rate:
                  arguments:
                    check: job_to_customer
#}
{% test linkage_rate(model, column_name, check) %}
    {{ config(warn_if='>=1', error_if='>=2') }}
    {%- set spec = var('integrity_linkage_checks')[check] -%}
    {%- set counts_sql = leadhub.linkage_counts(model, column_name, spec.expected) -%}
    {{ leadhub.log_integrity_check(check, spec, counts_sql) }}

    with

    counts as (
        {{ counts_sql }}
    ),

    thresholds as (
        select
            'warn' as level,
            {{ spec.warn_below }} as threshold
        union all
        select
            'error' as level,
            {{ spec.error_below }} as threshold
    )

    select
        '{{ check }}' as check_name,
        thresholds.level,
        thresholds.threshold,
        counts.numerator,
        counts.denominator
    from counts
    cross join thresholds
    where counts.denominator > 0 and counts.numerator < thresholds.threshold * counts.denominator

{% endtest %}
