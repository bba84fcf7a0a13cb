{#
    The integrity checks' arithmetic, shared by the generic tests (tests/generic/) and the
    integrity_checks mart so that a test and the history can never disagree.

    Every check is per company: a company whose exports link badly fails on its own, however
    well the others link.

    linkage_counts(relation, column, expected): one row per company, `numerator` (expected rows
    whose `column` is set) and `denominator` (rows matching the SQL condition `expected`).
    orphan_counts(relation, column): per company, `numerator` (rows where the boolean `column`
    is true) and `denominator` (all rows).
    integrity_message(check, counts): a sentence stating the check, rate, thresholds,
    numerator and denominator, read at execution time (run_query) for test output.
#}
{% macro linkage_counts(relation, column, expected) -%}
    select
        company,
        count({{ column }}) as numerator,
        count(*) as denominator
    from {{ relation }}
    where {{ expected }}
    group by company
{%- endmacro %}

{#- check_row_counts: the numerator and denominator of one check's rows (one per company) in a
    checks table (integrity_checks), for the linkage_rate and orphan_count tests. -#}
{% macro check_row_counts(relation, check, numerator, denominator, check_column) -%}
    select
        company,
        {{ numerator }} as numerator,
        {{ denominator }} as denominator
    from {{ relation }}
    where {{ check_column }} = '{{ check }}'
{%- endmacro %}

{% macro orphan_counts(relation, column) -%}
    select
        company,
        sum(case when {{ column }} then 1 else 0 end) as numerator,
        count(*) as denominator
    from {{ relation }}
    group by company
{%- endmacro %}

{% macro integrity_message(check_name, check, numerator, denominator, company=none) -%}
    {%- if company and company != var('default_company') -%}
        {%- set check_name = company ~ ': ' ~ check_name -%}
    {%- endif -%}
    {%- set numerator = numerator | int -%}
    {%- set denominator = denominator | int -%}
    {%- if 'error_below' in check -%}
        {%- set rate = (numerator / denominator) if denominator else none -%}
        {%- set level = 'error' if rate is not none and rate < check.error_below
            else 'warn' if rate is not none and rate < check.warn_below else 'pass' -%}
        {{- 'linkage %s [%s]: %s of %s linked (%d / %d %s); error below %.2f%%, warn below %.2f%%' % (
            check_name, level, ('%.2f%%' % (100 * rate)) if rate is not none else 'n/a',
            check.model ~ '.' ~ check.column, numerator, denominator, check.denominator,
            100 * check.error_below, 100 * check.warn_below) -}}
    {%- else -%}
        {%- set level = 'warn' if numerator > check.warn_above else 'pass' -%}
        {{- 'orphans %s [%s]: %d orphaned of %d %s in %s; warn above %d' % (
            check_name, level, numerator, denominator, check.denominator, check.model, check.warn_above) -}}
    {%- endif -%}
{%- endmacro %}

{% macro log_integrity_check(check_name, check, counts_sql) -%}
    {%- if execute -%}
        {%- set result = run_query(counts_sql) -%}
        {%- for row in result.rows -%}
            {%- set message = leadhub.integrity_message(check_name, check, row[1] or 0, row[2] or 0, row[0]) -%}
            {%- if '[pass]' not in message -%}
                {{ log(message, info=true) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{#
    integrity_check_ctes(): the CTEs (without `with`, ending in one named `integrity_checks`) of
    the integrity checks, one row per company and
    check of vars integrity_linkage_checks and integrity_orphan_checks: numerator,
    denominator, rate, thresholds, status. integrity_checks and integrity_check_history both
    compute from it, so that a failing check (a test on integrity_checks) never stops the
    history from recording the run. Every company of the checked marts gets a row for every
    check (0 of 0 where it has no rows to check), and a warehouse with none the default
    company's.
#}
{% macro integrity_check_ctes() -%}
{%- set linkage = var('integrity_linkage_checks') -%}
{%- set orphans = var('integrity_orphan_checks') -%}
{%- set checked_models = [] -%}
{%- for check in (linkage.values() | list) + (orphans.values() | list) if check.model not in checked_models -%}
    {%- do checked_models.append(check.model) -%}
{%- endfor %}
found_companies as (
    {%- for model in checked_models %}
    select company from {{ ref(model) }}
    {%- if not loop.last %}
    union
    {%- endif %}
    {%- endfor %}
),

check_companies as (
    select company from found_companies
    union all
    select '{{ var("default_company") }}' as company
    from (select 1 as single_row) as one_row
    where not exists (select 1 from found_companies)
),

{% for name, check in linkage.items() -%}
{{ name }}__counts as (
    {{ leadhub.linkage_counts(ref(check.model), check.column, check.expected) | indent(4) }}
),

{% endfor -%}
{% for name, check in orphans.items() -%}
{{ name }}__counts as (
    {{ leadhub.orphan_counts(ref(check.model), check.column) | indent(4) }}
),

{% endfor -%}

checks as (
    {%- for name, check in linkage.items() %}
        select
            check_companies.company,
            '{{ name }}' as check_name,
            'linkage_rate' as check_type,
            '{{ check.model }}' as model_name,
            '{{ check.column }}' as column_name,
            '{{ check.denominator }}' as denominator_description,
            cast(coalesce(counts.numerator, 0) as bigint) as numerator,
            cast(coalesce(counts.denominator, 0) as bigint) as denominator,
            cast({{ check.error_below }} as decimal(9, 4)) as error_threshold,
            cast({{ check.warn_below }} as decimal(9, 4)) as warn_threshold
        from check_companies
        left join {{ name }}__counts as counts
            on check_companies.company = counts.company
        union all
    {%- endfor %}
    {%- for name, check in orphans.items() %}
        select
            check_companies.company,
            '{{ name }}' as check_name,
            'orphan_count' as check_type,
            '{{ check.model }}' as model_name,
            '{{ check.column }}' as column_name,
            '{{ check.denominator }}' as denominator_description,
            cast(coalesce(counts.numerator, 0) as bigint) as numerator,
            cast(coalesce(counts.denominator, 0) as bigint) as denominator,
            cast(null as decimal(9, 4)) as error_threshold,
            cast({{ check.warn_above }} as decimal(9, 4)) as warn_threshold
        from check_companies
        left join {{ name }}__counts as counts
            on check_companies.company = counts.company
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

integrity_checks as (
    select
        company,
        check_name,
        check_type,
        model_name,
        column_name,
        denominator_description,
        numerator,
        denominator,
        {{ leadhub.ratio('numerator', 'denominator') }} as rate,
        error_threshold,
        warn_threshold,
        case
            when check_type = 'orphan_count'
                then case when numerator > warn_threshold then 'warn' else 'pass' end
            when denominator = 0 then 'pass'
            when numerator < error_threshold * denominator then 'error'
            when numerator < warn_threshold * denominator then 'warn'
            else 'pass'
        end as status
    from checks
)
{%- endmacro %}
