{#
    Row accounting from raw to staging, for a staged history model (`model`):

        raw rows = current rows + superseded rows + rejected rows

    and the current model holds exactly the history's current rows. Returns one row
    describing the mismatch when either does not hold.
#}
{% test accounts_for_raw_rows(model, raw_relation, current_relation) %}

    with raw as (
        select count(*) as raw_rows from {{ raw_relation }}
    ),

    history as (
        select
            sum(case when row_status = 'current' then 1 else 0 end) as current_rows,
            sum(case when row_status = 'superseded' then 1 else 0 end) as superseded_rows,
            sum(case when row_status = 'rejected' then 1 else 0 end) as rejected_rows
        from {{ model }}
    ),

    staged as (
        select count(*) as staged_rows from {{ current_relation }}
    ),

    final as (
        select
            raw.raw_rows,
            history.current_rows,
            history.superseded_rows,
            history.rejected_rows,
            staged.staged_rows
        from raw
        cross join history
        cross join staged
        where
            raw.raw_rows
            <> coalesce(history.current_rows, 0)
            + coalesce(history.superseded_rows, 0)
            + coalesce(history.rejected_rows, 0)
            or staged.staged_rows <> coalesce(history.current_rows, 0)
    )

    select * from final

{% endtest %}
