{#
    merge_history completeness: every record of a customer with more than one record, except
    the customer's anchor, carries a merge entry (method, confidence, matched record, merged_by,
    merged_at); anchors and customers of one record carry none. Returns the offending records.
#}
select
    record_key,
    customer_id,
    is_anchor,
    customer_record_count,
    merge_method
from {{ ref('int_customer_records') }}
where
    (
        not is_anchor
        and (
            merge_method is null
            or merge_confidence is null
            or matched_record_key is null
            or merged_by is null
        )
    )
    or (is_anchor and merge_method is not null)
