{#
    How often two different people agree at each comparison level (the u of Fellegi-Sunter):
    measured on all pairs of a random sample of var identity_u_sample_size profiles, almost all
    of them two different people. The sample is the profiles with the smallest md5 of their
    key: the same on every engine and every rebuild of the same data. A level never seen in
    the sample counts once, so no level is impossible.

    Per company: each company's sample is its own (ordered by its keys without the company
    prefix, so that two companies with the same records sample them alike), and its pairs
    never join two companies.
#}
{%- set comparisons = leadhub.identity_comparisons() %}
with

profiles as (
    select * from {{ ref('int_identity_profiles') }}
),

companies as (
    select distinct company
    from profiles
),

sampled as (
    select
        *,
        row_number() over (
            partition by company
            order by md5({{ leadhub.company_unscoped('profile_key') }})
        ) as sample_rank
    from profiles
),

sample as {{ leadhub.materialized() }} (
    select *
    from sampled
    where sample_rank <= {{ var('identity_u_sample_size') }}
),

sample_fields as {{ leadhub.computed_once() }} (
    select
        a.company,
        {{ leadhub.identity_pair_fields('a', 'b') | indent(8) }}
    from sample as a
    inner join sample as b
        on a.company = b.company and a.profile_key < b.profile_key
),

sample_pairs as {{ leadhub.materialized() }} (
    select
        company,
        {{ leadhub.identity_comparison_levels() | indent(8) }}
    from sample_fields
),

sample_levels as (
    {%- for comparison in comparisons %}
        select
            company,
            '{{ comparison }}' as comparison,
            {{ comparison }}_level as comparison_level
        from sample_pairs
        where {{ comparison }}_level is not null
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

level_grid as (
    {{ leadhub.identity_level_grid() | indent(4) }}
),

sample_counts as (
    select
        company,
        comparison,
        comparison_level,
        count(*) as pair_count
    from sample_levels
    group by company, comparison, comparison_level
),

u_probabilities as (
    {{ leadhub.identity_level_shares('sample_counts', 'pair_count', 1, 'companies') | indent(4) }}
),

final as (
    select
        u_probabilities.company,
        u_probabilities.comparison,
        u_probabilities.comparison_level,
        u_probabilities.share as u_probability,
        coalesce(sample_counts.pair_count, 0) as sample_pair_count
    from u_probabilities
    left join sample_counts
        on
            u_probabilities.company = sample_counts.company
            and u_probabilities.comparison = sample_counts.comparison
            and u_probabilities.comparison_level = sample_counts.comparison_level
)

select * from final
