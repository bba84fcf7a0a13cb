{#
    Every record that names a person with the customer it resolved to, and how it joined
    that customer: the strongest edge touching it (highest confidence, then the smaller
    record key). The customer's anchor record (its first) has no merge entry; every other
    record has one: match_method, confidence, the evidence of an evidence match (its
    comparison levels), the record it matched, when (the export time of the record) and by whom (the rule, or the person who decided a manual merge).
#}
with

records as (
    select * from {{ ref('int_identity_records') }}
),

clusters as (
    select * from {{ ref('int_identity_clusters') }}
),

edges as (
    select * from {{ ref('int_identity_edges') }}
),

touching as (
    select
        record_key_a as record_key,
        record_key_b as matched_record_key,
        match_method,
        confidence,
        evidence,
        merged_by
    from edges
    union all
    select
        record_key_b as record_key,
        record_key_a as matched_record_key,
        match_method,
        confidence,
        evidence,
        merged_by
    from edges
),

strongest as (
    select
        *,
        row_number() over (
            partition by record_key
            order by confidence desc, matched_record_key asc, match_method asc
        ) as strength_rank
    from touching
),

final as (
    select
        records.record_key,
        clusters.customer_id,
        records.company,
        records.module,
        records.natural_key,
        records.quote_number,
        records.crm_customer_id,
        records.customer_name,
        records.email,
        records.phone,
        records.branch_id,
        records.event_at,
        clusters.is_anchor,
        clusters.customer_record_count,
        records._source_file,
        records._source_row,
        case when not clusters.is_anchor then strongest.match_method end as merge_method,
        case when not clusters.is_anchor then strongest.confidence end as merge_confidence,
        case when not clusters.is_anchor then strongest.evidence end as merge_evidence,
        case when not clusters.is_anchor then strongest.matched_record_key end as matched_record_key,
        case when not clusters.is_anchor then strongest.merged_by end as merged_by,
        case when not clusters.is_anchor then records._exported_at end as merged_at
    from records
    inner join clusters
        on records.record_key = clusters.record_key
    left join strongest
        on
            records.record_key = strongest.record_key
            and strongest.strength_rank = 1
)

select * from final
