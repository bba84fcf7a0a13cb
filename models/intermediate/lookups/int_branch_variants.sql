{#
    Every branch name as written, reduced to its branch: upper case, accents, emoji and
    punctuation removed, a trailing status such as `(On Hold)` or `- On Hold` cut off and
    kept as a status (seeds/branch_status_markers.csv), then seeds/branch_aliases.csv
    (spelling variants, test and placeholder branches). Spellings are compared on their
    letters and digits only: those that differ in punctuation or spacing alone are one branch,
    named by its most written spelling ("Saint John" and "St. John's" stay two). Branches are
    per company: two companies' "Portland" are two branches (the seeds apply to every company).
#}
with

mentions as (
    select * from {{ ref('stg_crm__entity_mentions') }}
    where entity_kind = 'branch'
),

markers as (
    select * from {{ ref('branch_status_markers') }}
),

aliases as (
    select * from {{ ref('branch_aliases') }}
),

observed as (
    select
        company,
        mention as branch_name,
        _exported_at
    from mentions
),

variants as (
    select
        company,
        branch_name,
        count(*) as row_count,
        max(_exported_at) as last_seen_at,
        -- upper case, accents gone, emoji and other symbols a space ("PORTLAND,ME" is
        -- "PORTLAND ME"); parentheses and dashes kept for the status
        trim({{ leadhub.regex_replace(
            leadhub.regex_replace("upper(" ~ leadhub.strip_accents('branch_name') ~ ")", "[^A-Z0-9/.&'' ()-]", ' '),
            '\s+', ' '
        ) }}) as upper_name
    from observed
    where branch_name is not null
    group by company, branch_name
),

split as (
    select
        *,
        trim(coalesce(
            {{ leadhub.regex_extract('upper_name', '\(([^)]*)\)$', 1) }},
            {{ leadhub.regex_extract('upper_name', ' - *([A-Z ]+)$', 1) }}
        )) as marker,
        trim({{ leadhub.regex_replace(
            leadhub.regex_replace('upper_name', '\([^)]*\)$| - *[A-Z ]+$', ''),
            '[()]', ''
        ) }}) as base_name
    from variants
),

aliased as (
    select
        split.company,
        split.branch_name as variant,
        split.row_count,
        split.last_seen_at,
        split.base_name,
        split.marker,
        coalesce(markers.status, 'active') as marker_status,
        coalesce(aliases.branch_name, split.base_name) as aliased_name,
        coalesce(aliases.is_test, false) as is_test
    from split
    left join markers
        on split.marker = markers.marker
    left join aliases
        on split.base_name = aliases.alias
),

keyed as (
    select
        *,
        {{ leadhub.regex_replace('aliased_name', '[^A-Z0-9]', '') }} as match_key
    from aliased
),

-- spellings that differ only in punctuation or spacing ("OAKVILLE / BURLINGTON",
-- "OAKVILLE/BURLINGTON") are one branch, named as most of its rows write it
spellings as (
    select
        company,
        match_key,
        aliased_name,
        sum(row_count) as spelling_rows
    from keyed
    where match_key <> ''
    group by company, match_key, aliased_name
),

canonical as (
    select
        company,
        match_key,
        aliased_name as normalized_name,
        count(*) over (partition by company, match_key) as spelling_count,
        row_number() over (
            partition by company, match_key order by spelling_rows desc, aliased_name asc
        ) as spelling_rank
    from spellings
),

final as (
    select
        keyed.company,
        keyed.variant,
        keyed.row_count,
        keyed.last_seen_at,
        keyed.base_name,
        keyed.marker,
        keyed.marker_status,
        keyed.aliased_name,
        keyed.match_key,
        canonical.normalized_name,
        canonical.spelling_count,
        keyed.is_test,
        md5({{ leadhub.company_scoped('canonical.normalized_name', 'keyed.company') }}) as branch_id
    from keyed
    inner join canonical
        on
            keyed.company = canonical.company
            and keyed.match_key = canonical.match_key
            and canonical.spelling_rank = 1
)

select * from final
