{#
    Connected components of the identity graph: one row per record with the customer it
    belongs to, by iterative label propagation (no recursion, so it runs on any SQL engine).

    Every record starts labelled with its own key. Each of var identity_label_rounds rounds
    (1) gives every record the smallest label among itself and its neighbours, then (2) jumps:
    a record takes the label of the record its label names, so labels travel along chains in
    doubling steps. A component of any shape converges in a few rounds; the singular test
    assert_identity_components_converged fails (naming the var) if the rounds did not suffice.

    customer_id is the md5 of the component's anchor record: its earliest record (by event
    time, then key). It does not change between rebuilds while that person's records do not
    change (new, later records keep it), and a record of its own keeps its own id.

    The CTEs up to the last round are stages (macros/cross_engine/stages.sql): one CTE each on
    DuckDB and PostgreSQL, one work table (or view) each on Spark.
#}
with

{% set records %}
    select * from {{ ref('int_identity_records') }}
{% endset %}
{{ leadhub.stage('records', records, materialize=false) }}

{% set edges %}
    select * from {{ ref('int_identity_edges') }}
{% endset %}
{{ leadhub.stage('edges', edges, materialize=false) }}

-- Labels are the records' numbers in key order: the smallest number is the smallest key, and
-- integers join and compare several times faster than keys in the rounds below.
-- Every key an edge names is numbered too: a manual merge may name a record that is no longer
-- in the exports, and two records merged with it are still one person (it gets no label of
-- its own and no row below).
{% set nodes %}
    select record_key from records
    union
    select record_key_a as record_key from edges
    union
    select record_key_b as record_key from edges
{% endset %}
{{ leadhub.stage('nodes', nodes, materialize=false) }}

{% set numbered %}
    select
        record_key,
        row_number() over (order by record_key) as record_number
    from nodes
{% endset %}
{{ leadhub.stage('numbered', numbered) }}

{% set numbered_records %}
    select
        numbered.record_key,
        numbered.record_number
    from numbered
    inner join records
        on numbered.record_key = records.record_key
{% endset %}
{{ leadhub.stage('numbered_records', numbered_records, materialize=false) }}

{% set numbered_edges %}
    select
        a.record_number as record_number_a,
        b.record_number as record_number_b
    from edges
    inner join numbered as a
        on edges.record_key_a = a.record_key
    inner join numbered as b
        on edges.record_key_b = b.record_key
{% endset %}
{{ leadhub.stage('numbered_edges', numbered_edges, materialize=false) }}

-- both directions, and every record its own neighbour
{% set neighbours %}
    select
        record_number_a as record_number,
        record_number_b as neighbour_number
    from numbered_edges
    union all
    select
        record_number_b as record_number,
        record_number_a as neighbour_number
    from numbered_edges
    union all
    select
        record_number,
        record_number as neighbour_number
    from numbered_records
{% endset %}
{{ leadhub.stage('neighbours', neighbours) }}

{% set labels_0 %}
    select
        record_number,
        record_number as node_label
    from numbered_records
{% endset %}
{{ leadhub.stage('labels_0', labels_0) }}

{% for round in range(1, var('identity_label_rounds') + 1) %}
    {% set propagated %}
        select
            neighbours.record_number,
            min(labels.node_label) as node_label
        from neighbours
        inner join labels_{{ round - 1 }} as labels
            on neighbours.neighbour_number = labels.record_number
        group by neighbours.record_number
    {% endset %}
    {{ leadhub.stage('propagated_' ~ round, propagated) }}

    {% set labels %}
        select
            propagated.record_number,
            least(propagated.node_label, jumped.node_label) as node_label
        from propagated_{{ round }} as propagated
        inner join propagated_{{ round }} as jumped
            on propagated.node_label = jumped.record_number
    {% endset %}
    {{ leadhub.stage('labels_' ~ round, labels) }}

{% endfor %}
components as (
    select
        numbered.record_key,
        labels.node_label as component_key
    from labels_{{ var('identity_label_rounds') }} as labels
    inner join numbered
        on labels.record_number = numbered.record_number
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
