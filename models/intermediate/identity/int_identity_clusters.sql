{#
    Connected components of the identity graph: one row per record with the customer it
    belongs to.

    1. var identity_label_rounds rounds of label propagation (every record takes the smallest
       key among itself and its neighbours' labels) shrink the graph cheaply: records sharing
       a label are already known to be connected.
    2. The graph of labels (an edge between the labels of an edge's two records, where they
       still differ) is finished by a recursive walk: every label learns the smallest label
       it can reach. That walk is exact whatever the rounds left over, and small.

    customer_id is the md5 of the component's anchor record: its earliest record (by event
    time, then key). It does not change between rebuilds while that person's records do not
    change (new, later records keep it), and a record of its own keeps its own id.
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
    union all
    select
        record_key_b as record_key,
        record_key_a as neighbour_key
    from edges
),

labels_0 as (
    select
        record_key,
        record_key as node_label
    from records
),

{% for round in range(1, var('identity_label_rounds') + 1) %}
    labels_{{ round }} as (
        select
            labels.record_key,
            least(labels.node_label, coalesce(min(neighbours.node_label), labels.node_label)) as node_label
        from labels_{{ round - 1 }} as labels
        left join undirected
            on labels.record_key = undirected.record_key
        left join labels_{{ round - 1 }} as neighbours
            on undirected.neighbour_key = neighbours.record_key
        group by labels.record_key, labels.node_label
    ),

{% endfor %}
propagated as (
    select * from labels_{{ var('identity_label_rounds') }}
),

label_edges as (
    select distinct
        a.node_label,
        b.node_label as neighbour_label
    from undirected
    inner join propagated as a
        on undirected.record_key = a.record_key
    inner join propagated as b
        on undirected.neighbour_key = b.record_key
    where a.node_label <> b.node_label
),

-- every node_label reaches the smaller labels of its component; a root only moves to larger labels
reach (node_label, root_label) as (
    select distinct
        node_label,
        node_label as root_label
    from label_edges
    union
    select
        label_edges.neighbour_label as node_label,
        reach.root_label
    from reach
    inner join label_edges
        on reach.node_label = label_edges.node_label
    where reach.root_label < label_edges.neighbour_label
),

label_roots as (
    select
        node_label,
        min(root_label) as root_label
    from reach
    group by node_label
),

components as (
    select
        propagated.record_key,
        coalesce(label_roots.root_label, propagated.node_label) as component_key
    from propagated
    left join label_roots
        on propagated.node_label = label_roots.node_label
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
