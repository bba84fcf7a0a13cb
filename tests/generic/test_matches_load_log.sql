{#
    Row accounting between a raw table and the load log.

    For every file the loader logged as `loaded` (optionally only files of one `module`),
    the number of rows in `model` carrying that file's load id must equal the count the
    loader logged in `log_count_column` (rows_loaded for a module table, rows_rejected for
    the quarantine). Rows with a load id the log does not know fail too.

    Returns one row per load id whose counts differ.
#}
{% test matches_load_log(model, load_log, log_count_column, module=none, load_id_column='_load_id') %}

    with counted as (
        select
            {{ load_id_column }} as load_id,
            count(*) as counted_rows
        from {{ model }}
        group by {{ load_id_column }}
    ),

    logged as (
        select
            load_id,
            {{ log_count_column }} as logged_rows
        from {{ load_log }}
        where
            status = 'loaded'
            {% if module %}and module = '{{ module }}'{% endif %}
    ),

    final as (
        select
            coalesce(logged.load_id, counted.load_id) as load_id,
            logged.logged_rows,
            counted.counted_rows
        from logged
        full outer join counted
            on logged.load_id = counted.load_id
        where coalesce(logged.logged_rows, 0) <> coalesce(counted.counted_rows, 0)
    )

    select * from final

{% endtest %}
