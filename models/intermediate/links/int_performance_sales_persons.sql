{#
    Every current sales_performance and user_performance row with the sales person it belongs
    to (through int_sales_person_variants), and for an orphan (no sales person, e.g. a phone-
    system user the CRM does not know, or an ambiguous name) its closest candidates: up to
    var performance_orphan_candidates sales persons by name similarity, compared only inside
    a blocking key (the same first letter of the first name, or of the surname).

    is_duplicate_link: another row of the same file kind and period resolves to the same sales
    person (sales_performance is one row per sales person and period, user_performance one per
    sales person).
#}
with

sales_performance as (
    select * from {{ ref('stg_crm__sales_performance') }}
),

user_performance as (
    select * from {{ ref('stg_crm__user_performance') }}
),

variants as (
    select * from {{ ref('int_sales_person_variants') }}
),

sales_persons as (
    select * from {{ ref('int_sales_persons') }}
),

performance_rows as (
    select
        company,
        'sales_performance' as module,
        performance_key,
        sales_person_name as name_as_written,
        coalesce(
            cast(period_start as {{ dbt.type_string() }}) || '/' || cast(period_end as {{ dbt.type_string() }}),
            report_period,
            _source_file
        ) as period_key,
        _source_file,
        _source_row
    from sales_performance
    union all
    select
        company,
        'user_performance' as module,
        user_key as performance_key,
        user_name as name_as_written,
        report_period as period_key,
        _source_file,
        _source_row
    from user_performance
),

resolved as (
    select
        performance_rows.*,
        variants.sales_person_id,
        variants.name_key,
        variants.first_name,
        variants.last_name,
        coalesce(variants.resolution, 'unmatched') as resolution
    from performance_rows
    left join variants
        on
            performance_rows.company = variants.company
            and performance_rows.name_as_written = variants.variant
),

orphans as (
    select * from resolved
    where sales_person_id is null
),

blocked_candidates as (
    select
        orphans.company,
        orphans.module,
        orphans.performance_key,
        sales_persons.sales_person_id,
        sales_persons.name_key as candidate_name
    from orphans
    inner join sales_persons
        on
            orphans.company = sales_persons.company
            and substr(orphans.first_name, 1, 1) = substr(sales_persons.name_key, 1, 1)
    union
    select
        orphans.company,
        orphans.module,
        orphans.performance_key,
        sales_persons.sales_person_id,
        sales_persons.name_key as candidate_name
    from orphans
    inner join sales_persons
        on
            orphans.company = sales_persons.company
            and length(orphans.last_name) > 0
            and substr(orphans.last_name, 1, 1)
            = substr(sales_persons.name_key, length(split_part(sales_persons.name_key, ' ', 1)) + 2, 1)
),

scored as (
    select
        blocked_candidates.company,
        blocked_candidates.module,
        blocked_candidates.performance_key,
        blocked_candidates.candidate_name,
        {{ leadhub.name_similarity('orphans.name_key', 'blocked_candidates.candidate_name') }} as similarity
    from blocked_candidates
    inner join orphans
        on
            blocked_candidates.company = orphans.company
            and blocked_candidates.module = orphans.module
            and blocked_candidates.performance_key = orphans.performance_key
),

ranked as (
    select
        *,
        row_number() over (
            partition by company, module, performance_key
            order by similarity desc, candidate_name asc
        ) as candidate_rank
    from scored
),

closest as (
    select
        company,
        module,
        performance_key,
        {{ leadhub.string_agg_ordered(
            "candidate_name || ' (' || cast(cast(round(cast(similarity as decimal(10, 4)), 2) as decimal(4, 2)) as "
            ~ dbt.type_string() ~ ") || ')'",
            "' | '",
            'candidate_rank',
        ) }} as closest_candidates
    from ranked
    where candidate_rank <= {{ var('performance_orphan_candidates') }}
    group by company, module, performance_key
),

final as (
    select
        resolved.company,
        resolved.module,
        resolved.performance_key,
        resolved.name_as_written,
        resolved.period_key,
        resolved.sales_person_id,
        resolved.resolution,
        closest.closest_candidates,
        resolved._source_file,
        resolved._source_row,
        resolved.sales_person_id is null as is_orphan,
        resolved.sales_person_id is not null
        and count(*) over (
            partition by resolved.company, resolved.module, resolved.period_key, resolved.sales_person_id
        ) > 1 as is_duplicate_link
    from resolved
    left join closest
        on
            resolved.company = closest.company
            and resolved.module = closest.module
            and resolved.performance_key = closest.performance_key
)

select * from final
