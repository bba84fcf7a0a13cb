{#
    linkage_rate(model, check, numerator='numerator', denominator='denominator',
    check_column='check_name'): the linkage rate numerator / denominator of the row of
    `model` whose `check_column` is `check` must reach the check's thresholds, `error_below`
    and `warn_below` of var integrity_linkage_checks (where the check also states which rows
    are expected to link: its denominator), in every company (one row each).

    Returns one row per threshold missed by any company (check, level, threshold, how many
    companies miss it and the first of them), so the test warns with 1 row and fails with 2
    (warn_if >= 1, error_if >= 2); a check with no row at all fails too. When it does not pass
    it prints, per company, the check, rate, thresholds, numerator and denominator.

        - name: integrity_checks
          data_tests:
            - linkage_rate:
                arguments:
                  check: job_to_customer
#}
{% test linkage_rate(model, check, numerator='numerator', denominator='denominator', check_column='check_name') %}
    {{ config(warn_if='>=1', error_if='>=2') }}
    {%- set spec = var('integrity_linkage_checks')[check] -%}
    {%- set counts_sql = leadhub.check_row_counts(model, check, numerator, denominator, check_column) -%}
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
        count(counts.company) as company_count,
        min(counts.company) as first_company
    from thresholds
    left join counts
        on 1 = 1
    where
        counts.denominator is null
        or (counts.denominator > 0 and counts.numerator < thresholds.threshold * counts.denominator)
    group by thresholds.level, thresholds.threshold

{% endtest %}
