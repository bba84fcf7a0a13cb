{#
    Connected components of the identity graph: one row per record with the customer it
    belongs to.

    The component is found by a recursive walk over the edges in both directions (every
    record learns the smallest record key it can reach). customer_id is the md5 of the
    component's anchor record: its earliest record (by event time, then key). It does not
    change between rebuilds while that person's records do not change (new, later records
    keep it), and a record of its own keeps its own id.
#}
with recursive

records as (
    select * from {{ ref('int_identity_records') }}
),

edges as (
    select * from {{ ref('int_identity_edges') }}
),

undirected as (
    select
        record_key_a as record_key,
        record_key_b as neighbour_key
    from edges
    union
    select
        record_key_b as record_key,
        record_key_a as neighbour_key
    from edges
),

-- every record reaches the smaller keys of its component; a label only moves to larger keys
reach (record_key, root_key) as (
    select
        record_key,
        record_key as root_key
    from records
    union
    select
        undirected.neighbour_key as record_key,
        reach.root_key
    from reach
    inner join undirected
        on reach.record_key = undirected.record_key
    where reach.root_key < undirected.neighbour_key
),

components as (
    select
        record_key,
        min(root_key) as component_key
    from reach
    group by record_key
),

ranked as (
    select
        components.record_key,
        components.component_key,
        row_number() over (
            partition by components.component_key
            order by records.event_at asc nulls last, components.record_key asc
        ) as position_in_component,
        count(*) over (partition by components.component_key) as component_size
    from components
    inner join records
        on components.record_key = records.record_key
),

anchors as (
    select
        component_key,
        record_key as anchor_record_key
    from ranked
    where position_in_component = 1
),

final as (
    select
        ranked.record_key,
        anchors.anchor_record_key,
        ranked.component_size as customer_record_count,
        md5('customer:' || anchors.anchor_record_key) as customer_id,
        ranked.record_key = anchors.anchor_record_key as is_anchor
    from ranked
    inner join anchors
        on ranked.component_key = anchors.component_key
)

select * from final
