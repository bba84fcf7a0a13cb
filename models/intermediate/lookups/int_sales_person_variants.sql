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
    More than one fit: ambiguous (the candidates are listed); none: unmatched (phone-system
    users the CRM does not know end here). seeds/sales_person_overrides.csv wins over all.
#}
with

lead_status as (
    select * from {{ ref('stg_crm__lead_status_history') }}
),

booked_opportunities as (
    select * from {{ ref('stg_crm__booked_opportunities_history') }}
),

lost_leads as (
    select * from {{ ref('stg_crm__lost_leads_history') }}
),

jobs as (
    select * from {{ ref('stg_crm__jobs_history') }}
),

sales_performance as (
    select * from {{ ref('stg_crm__sales_performance_history') }}
),

user_performance as (
    select * from {{ ref('stg_crm__user_performance_history') }}
),

nicknames as (
    select * from {{ ref('nicknames') }}
),

overrides as (
    select * from {{ ref('sales_person_overrides') }}
),

observed as (
    select
        sales_person_name as variant,
        1 as in_crm
    from lead_status
    union all
    select
        sales_person_name as variant,
        1 as in_crm
    from booked_opportunities
    union all
    select
        sales_person_name as variant,
        1 as in_crm
    from lost_leads
    union all
    select
        sales_person_name as variant,
        1 as in_crm
    from jobs
    union all
    select
        sales_person_name as variant,
        1 as in_crm
    from sales_performance
    union all
    select
        user_name as variant,
        0 as in_crm
    from user_performance
),

variants as (
    select
        variant,
        count(*) as row_count,
        max(in_crm) = 1 as seen_in_crm,
        lower({{ leadhub.strip_accents('variant') }}) as lowered
    from observed
    where variant is not null
    group by variant
),

keyed as (
    select
        variant,
        row_count,
        seen_in_crm,
        trim({{ leadhub.regex_extract('lowered', '\(([^)]*)\)\s*$', 1) }}) as language_tag,
        trim({{ leadhub.regex_replace(
            leadhub.regex_replace(
                leadhub.person_full_name(leadhub.regex_replace('lowered', '\([^)]*\)\s*$', '')),
                '[^a-z ]', ''
            ),
            ' +', ' '
        ) }}) as name_key
    from variants
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
            where n.nickname = parts.first_name and f.last_name = parts.last_name
        )
),

anchors as (
    select
        first_name,
        last_name,
        md5(first_name || ' ' || last_name) as sales_person_id
    from formal_anchors
    union all
    select
        first_name,
        last_name,
        md5(first_name || ' ' || last_name) as sales_person_id
    from nickname_anchors
),

candidates as (
    select
        parts.variant,
        anchors.sales_person_id,
        anchors.first_name || ' ' || anchors.last_name as anchor_name,
        case
            when parts.last_name = anchors.last_name and parts.first_name = anchors.first_name then 'exact'
            when parts.last_name = anchors.last_name then 'nickname'
            when length(parts.last_name) = 1 then 'initial'
            else 'first_name'
        end as match_method,
        -- the sales person is seen elsewhere with this very first name (e.g. "Steve Khan")
        exists(
            select 1 from parts as seen
            where seen.first_name = parts.first_name and seen.last_name = anchors.last_name
        ) as first_name_seen
    from parts
    inner join anchors
        on
            (
                parts.last_name = anchors.last_name
                or (length(parts.last_name) = 1 and substr(anchors.last_name, 1, 1) = parts.last_name)
                or parts.last_name = ''
            )
            and (
                parts.first_name = anchors.first_name
                or exists (
                    select 1 from nicknames as n
                    where
                        (n.nickname = parts.first_name and n.first_name = anchors.first_name)
                        or (n.nickname = anchors.first_name and n.first_name = parts.first_name)
                )
            )
),

-- an exact match wins over looser ones, then a candidate seen with this first name
ranked as (
    select
        *,
        case when match_method = 'exact' then 0 when first_name_seen then 1 else 2 end as method_rank,
        min(case when match_method = 'exact' then 0 when first_name_seen then 1 else 2 end)
            over (partition by variant) as best_rank
    from candidates
),

resolved as (
    select
        variant,
        count(*) as candidate_count,
        min(sales_person_id) as sales_person_id,
        min(match_method) as match_method,
        string_agg(anchor_name, ' | ' order by anchor_name) as candidate_names
    from ranked
    where method_rank = best_rank
    group by variant
),

final as (
    select
        parts.variant,
        parts.row_count,
        parts.seen_in_crm,
        parts.language_tag,
        parts.name_key,
        parts.first_name,
        parts.last_name,
        resolved.candidate_names,
        coalesce(resolved.candidate_count, 0) as candidate_count,
        case
            when overrides.variant is not null then md5(lower(overrides.sales_person_name))
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
        on parts.variant = resolved.variant
    left join overrides
        on parts.variant = overrides.variant
)

select * from final
