{#
    Every sales person name as written in any module (both performance files included),
    resolved to a sales person of the CRM, or left unlinked with the reason.

    Names are compared on a key: lower case, accents, language tags such as "(Spanish)"
    and stray symbols removed, "Last, First" reordered. Sales persons are the CRM's full
    names (first name and surname; a nickname only when no formal name matches it).
    A variant links when exactly one sales person fits it:
      exact       same first name and surname
      nickname    Rob / Bobby -> Robert (seeds/nicknames.csv), same surname
      initial     "Bobby S": first name (or nickname) and the surname's initial
      first_name  "Bobby": the first name (or nickname) alone
    An exact fit beats looser ones; among looser ones, a sales person seen elsewhere with the
    very first name written ("Steve Khan" makes "Steve" his, not Steven Gauthier's) wins.
    Then edit distance, always inside a blocking key (same first letters of first name and
    surname), never over all pairs:
      fuzzy       a CRM full name seen on few rows that is a near spelling (similarity >=
                  var sales_person_duplicate_min_similarity) of one seen on at least
                  var sales_person_duplicate_min_row_ratio times more rows is the same person;
                  a full name no rule fits links to the one sales person whose name is within
                  var sales_person_fuzzy_min_similarity.
    More than one fit: ambiguous (the candidates are listed); none: unmatched (phone-system
    users the CRM does not know end here). seeds/sales_person_overrides.csv wins over all.
    Sales persons are per company: every comparison stays inside one company.
#}
with

mentions as (
    select * from {{ ref('stg_crm__entity_mentions') }}
    where entity_kind = 'sales_person'
),

nicknames as (
    select * from {{ ref('nicknames') }}
),

overrides as (
    select * from {{ ref('sales_person_overrides') }}
),

observed as (
    select
        company,
        mention as variant,
        case when from_crm then 1 else 0 end as in_crm
    from mentions
),

variants as (
    select
        company,
        variant,
        count(*) as row_count,
        max(in_crm) = 1 as seen_in_crm,
        lower({{ leadhub.strip_accents('variant') }}) as lowered
    from observed
    where variant is not null
    group by company, variant
),

keyed as (
    select
        company,
        variant,
        row_count,
        seen_in_crm,
        trim({{ leadhub.regex_extract('trimmed', '\(([^)]*)\)$', 1) }}) as language_tag,
        trim({{ leadhub.regex_replace(
            leadhub.regex_replace(
                leadhub.person_full_name(leadhub.regex_replace('trimmed', '\([^)]*\)$', '')),
                '[^a-z ]', ''
            ),
            ' +', ' '
        ) }}) as name_key
    from (
        -- stray symbols after the name or its language tag ("Noemie (Spanish) $") go first
        select
            *,
            {{ leadhub.regex_replace('lowered', '[^a-z)]+$', '') }} as trimmed
        from variants
    ) as unsuffixed
),

parts as (
    select
        *,
        split_part(name_key, ' ', 1) as first_name,
        trim(substr(name_key, length(split_part(name_key, ' ', 1)) + 1)) as last_name
    from keyed
    where name_key <> ''
),

formal_anchors as (
    select distinct
        company,
        first_name,
        last_name
    from parts
    where
        seen_in_crm
        and length(last_name) >= 2
        and first_name not in (select n.nickname from nicknames as n)
),

nickname_anchors as (
    select distinct
        parts.company,
        parts.first_name,
        parts.last_name
    from parts
    where
        parts.seen_in_crm
        and length(parts.last_name) >= 2
        and parts.first_name in (select n.nickname from nicknames as n)
        and not exists (
            select 1
            from formal_anchors as f
            inner join nicknames as n
                on f.first_name = n.first_name
            where n.nickname = parts.first_name and f.company = parts.company and f.last_name = parts.last_name
        )
),

anchor_names as (
    select
        formal_anchors.company,
        formal_anchors.first_name,
        formal_anchors.last_name
    from formal_anchors
    union all
    select
        nickname_anchors.company,
        nickname_anchors.first_name,
        nickname_anchors.last_name
    from nickname_anchors
),

anchor_rows as (
    select
        anchor_names.company,
        anchor_names.first_name,
        anchor_names.last_name,
        sum(parts.row_count) as row_count
    from anchor_names
    inner join parts
        on
            anchor_names.company = parts.company
            and anchor_names.first_name = parts.first_name
            and anchor_names.last_name = parts.last_name
    group by anchor_names.company, anchor_names.first_name, anchor_names.last_name
),

-- a rarely seen full name that is a near spelling of a much more common one ("Robret Smith")
duplicate_pairs as (
    select
        rare.company,
        rare.first_name,
        rare.last_name,
        common.first_name || ' ' || common.last_name as common_name,
        {{ leadhub.name_similarity(
            "rare.first_name || ' ' || rare.last_name", "common.first_name || ' ' || common.last_name"
        ) }} as similarity
    from anchor_rows as rare
    inner join anchor_rows as common
        on
            rare.company = common.company
            and substr(rare.first_name, 1, 1) = substr(common.first_name, 1, 1)
            and substr(rare.last_name, 1, 1) = substr(common.last_name, 1, 1)
            and common.row_count >= {{ var('sales_person_duplicate_min_row_ratio') }} * rare.row_count
),

duplicates as (
    select
        company,
        first_name,
        last_name,
        min(common_name) as common_name
    from duplicate_pairs
    where similarity >= {{ var('sales_person_duplicate_min_similarity') }}
    group by company, first_name, last_name
    having count(*) = 1
),

anchors as (
    select
        anchor_rows.company,
        anchor_rows.first_name,
        anchor_rows.last_name,
        md5({{ leadhub.company_scoped(
            "coalesce(duplicates.common_name, anchor_rows.first_name || ' ' || anchor_rows.last_name)",
            'anchor_rows.company'
        ) }}) as sales_person_id,
        coalesce(duplicates.common_name, anchor_rows.first_name || ' ' || anchor_rows.last_name)
            as person_name,
        duplicates.common_name is not null as is_duplicate
    from anchor_rows
    left join duplicates
        on
            anchor_rows.company = duplicates.company
            and anchor_rows.first_name = duplicates.first_name
            and anchor_rows.last_name = duplicates.last_name
),

-- the first names a variant's first name can stand for: itself, and a nickname of it or the
-- name it is a nickname of (either way round); names only, so shared by the companies
first_name_equivalents as (
    select
        first_name as variant_first_name,
        first_name as anchor_first_name
    from anchors
    union
    select
        nickname as variant_first_name,
        first_name as anchor_first_name
    from nicknames
    union
    select
        first_name as variant_first_name,
        nickname as anchor_first_name
    from nicknames
),

candidates as (
    select
        parts.company,
        parts.variant,
        anchors.sales_person_id,
        anchors.person_name as anchor_name,
        case
            when anchors.is_duplicate then 'fuzzy'
            when parts.last_name = anchors.last_name and parts.first_name = anchors.first_name then 'exact'
            when parts.last_name = anchors.last_name then 'nickname'
            when length(parts.last_name) = 1 then 'initial'
            else 'first_name'
        end as match_method,
        -- the sales person is seen elsewhere with this very first name (e.g. "Steve Khan")
        exists(
            select 1 from parts as seen
            where
                seen.company = parts.company
                and seen.first_name = parts.first_name
                and seen.last_name = anchors.last_name
        ) as first_name_seen
    from parts
    inner join first_name_equivalents as equivalents
        on parts.first_name = equivalents.variant_first_name
    inner join anchors
        on
            parts.company = anchors.company
            and equivalents.anchor_first_name = anchors.first_name
            and (
                parts.last_name = anchors.last_name
                or (length(parts.last_name) = 1 and substr(anchors.last_name, 1, 1) = parts.last_name)
                or parts.last_name = ''
            )
),

-- an exact match wins over looser ones, then a candidate seen with this first name
ranked as (
    select
        *,
        case when match_method = 'exact' then 0 when first_name_seen then 1 else 2 end as method_rank,
        min(case when match_method = 'exact' then 0 when first_name_seen then 1 else 2 end)
            over (partition by company, variant) as best_rank
    from candidates
),

rule_resolved as (
    select
        company,
        variant,
        count(distinct sales_person_id) as candidate_count,
        min(sales_person_id) as sales_person_id,
        min(match_method) as match_method,
        {{ leadhub.string_agg_distinct('anchor_name', "' | '") }} as candidate_names
    from ranked
    where method_rank = best_rank
    group by company, variant
),

-- full names no rule fits: edit distance to the sales persons in the same block
fuzzy_pairs as (
    select
        parts.company,
        parts.variant,
        anchors.sales_person_id,
        anchors.person_name,
        {{ leadhub.name_similarity('parts.name_key', "anchors.first_name || ' ' || anchors.last_name") }}
            as similarity
    from parts
    inner join anchors
        on
            parts.company = anchors.company
            and substr(parts.first_name, 1, 1) = substr(anchors.first_name, 1, 1)
            and substr(parts.last_name, 1, 1) = substr(anchors.last_name, 1, 1)
    where
        length(parts.last_name) >= 2
        and not exists (
            select 1 from rule_resolved as r
            where r.company = parts.company and r.variant = parts.variant
        )
),

fuzzy_fits as (
    select
        *,
        max(similarity) over (partition by company, variant) as best_similarity
    from fuzzy_pairs
    where similarity >= {{ var('sales_person_fuzzy_min_similarity') }}
),

fuzzy_resolved as (
    select
        company,
        variant,
        count(distinct sales_person_id) as candidate_count,
        min(sales_person_id) as sales_person_id,
        'fuzzy' as match_method,
        {{ leadhub.string_agg_distinct('person_name', "' | '") }} as candidate_names
    from fuzzy_fits
    where similarity = best_similarity
    group by company, variant
),

fuzzy_pair_counts as (
    select
        company,
        variant,
        count(*) as fuzzy_pair_count
    from fuzzy_pairs
    group by company, variant
),

resolved as (
    select * from rule_resolved
    union all
    select * from fuzzy_resolved
),

final as (
    select
        parts.company,
        parts.variant,
        parts.row_count,
        parts.seen_in_crm,
        parts.language_tag,
        parts.name_key,
        parts.first_name,
        parts.last_name,
        resolved.candidate_names,
        coalesce(resolved.candidate_count, 0) as candidate_count,
        coalesce(fuzzy_pair_counts.fuzzy_pair_count, 0) as fuzzy_pair_count,
        case
            when overrides.variant is not null
                then md5({{ leadhub.company_scoped('lower(overrides.sales_person_name)', 'parts.company') }})
            when resolved.candidate_count = 1 then resolved.sales_person_id
        end as sales_person_id,
        case
            when overrides.variant is not null then 'override'
            when resolved.candidate_count = 1 then resolved.match_method
            when resolved.candidate_count > 1 then 'ambiguous'
            else 'unmatched'
        end as resolution
    from parts
    left join resolved
        on parts.company = resolved.company and parts.variant = resolved.variant
    left join fuzzy_pair_counts
        on parts.company = fuzzy_pair_counts.company and parts.variant = fuzzy_pair_counts.variant
    left join overrides
        on parts.variant = overrides.variant
)

select * from final
