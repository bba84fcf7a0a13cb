{#
    Label propagation (int_identity_clusters) converged: the two records of every identity
    edge belong to the same customer. A failure means var identity_label_rounds was too
    small for the longest chain of edges: raise it.
#}
with

edges as (
    select * from {{ ref('int_identity_edges') }}
),

clusters as (
    select * from {{ ref('int_identity_clusters') }}
),

final as (
    select
        edges.record_key_a,
        edges.record_key_b,
        a.customer_id as customer_id_a,
        b.customer_id as customer_id_b
    from edges
    inner join clusters as a
        on edges.record_key_a = a.record_key
    inner join clusters as b
        on edges.record_key_b = b.record_key
    where a.customer_id <> b.customer_id
)

select * from final
