{#
    Every branch name as written, reduced to its branch: upper case, accents, emoji and
    punctuation removed, a trailing status such as `(On Hold)` or `- On Hold` cut off and
    kept as a status (seeds/branch_status_markers.csv), then seeds/branch_aliases.csv
    (spelling variants, test and placeholder branches).
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
        mention as branch_name,
        _exported_at
    from mentions
),

variants as (
    select
        branch_name,
        count(*) as row_count,
        max(_exported_at) as last_seen_at,
        -- upper case, accents and emoji gone; parentheses and dashes kept for the status
        trim({{ leadhub.regex_replace(
            leadhub.regex_replace("upper(" ~ leadhub.strip_accents('branch_name') ~ ")", "[^A-Z0-9/.&'' ()-]", ''),
            '\s+', ' '
        ) }}) as upper_name
    from observed
    where branch_name is not null
    group by branch_name
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

final as (
    select
        split.branch_name as variant,
        split.row_count,
        split.last_seen_at,
        split.base_name,
        split.marker,
        coalesce(markers.status, 'active') as marker_status,
        coalesce(aliases.branch_name, split.base_name) as normalized_name,
        coalesce(aliases.is_test, false) as is_test,
        md5(coalesce(aliases.branch_name, split.base_name)) as branch_id
    from split
    left join markers
        on split.marker = markers.marker
    left join aliases
        on split.base_name = aliases.alias
    where coalesce(aliases.branch_name, split.base_name) <> ''
)

select * from final
