{#
    The integrity checks of this build, one row per check (vars integrity_linkage_checks and
    integrity_orphan_checks): numerator, denominator, rate, thresholds and status, computed
    by the same macros as the linkage_rate and orphan_count tests.
#}
{%- set linkage = var('integrity_linkage_checks') -%}
{%- set orphans = var('integrity_orphan_checks') -%}
with

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
            '{{ name }}' as check_name,
            'linkage_rate' as check_type,
            '{{ check.model }}' as model_name,
            '{{ check.column }}' as column_name,
            '{{ check.denominator }}' as denominator_description,
            cast(numerator as bigint) as numerator,
            cast(denominator as bigint) as denominator,
            cast({{ check.error_below }} as decimal(9, 4)) as error_threshold,
            cast({{ check.warn_below }} as decimal(9, 4)) as warn_threshold
        from {{ name }}__counts
        union all
    {%- endfor %}
    {%- for name, check in orphans.items() %}
        select
            '{{ name }}' as check_name,
            'orphan_count' as check_type,
            '{{ check.model }}' as model_name,
            '{{ check.column }}' as column_name,
            '{{ check.denominator }}' as denominator_description,
            cast(coalesce(numerator, 0) as bigint) as numerator,
            cast(denominator as bigint) as denominator,
            cast(null as decimal(9, 4)) as error_threshold,
            cast({{ check.warn_above }} as decimal(9, 4)) as warn_threshold
        from {{ name }}__counts
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
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

select * from final
