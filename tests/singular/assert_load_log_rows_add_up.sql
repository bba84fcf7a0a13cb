-- Every data record of a loaded file is either loaded or quarantined: the log's counts add up.
with load_log as (
    select * from {{ source('crm', 'load_log') }}
),

final as (
    select
        load_id,
        source_file,
        rows_in_file,
        rows_loaded,
        rows_rejected
    from load_log
    where rows_in_file <> rows_loaded + rows_rejected
)

select * from final
