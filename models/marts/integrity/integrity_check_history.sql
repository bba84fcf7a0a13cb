{#
    Every build's integrity checks, one row per check per run, appended and never truncated:
    `full_refresh: false` keeps the rows through `dbt build --full-refresh`. A run is a dbt
    invocation (invocation_id). It computes the checks itself (the same macro as
    integrity_checks) rather than reading integrity_checks, so that the tests failing there
    never skip it: the runs that fail are the ones most worth keeping. It is appended where
    analysts read it (schema `published`, the target schema), not built aside and published:
    its one insert is atomic on its own (macros/marts/publish.sql).
#}
{{
    config(
        materialized='incremental',
        schema='published',
        full_refresh=false,
        on_schema_change='append_new_columns',
        indexes=leadhub.postgres_indexes([['run_at'], ['check_name', 'run_at']]),
    )
}}

with

{{ leadhub.integrity_check_ctes() }},

history as (
    select
        {{ leadhub.mart_id('integrity_check_history', "'" ~ invocation_id ~ ":' || check_name", 'company') }} as id,
        '{{ invocation_id }}' as run_id,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as run_at,
        '{{ target.name }}' as target_name,
        check_name,
        company,
        check_type,
        model_name,
        column_name,
        denominator_description,
        numerator,
        denominator,
        rate,
        error_threshold,
        warn_threshold,
        status
    from integrity_checks
)

select * from history
