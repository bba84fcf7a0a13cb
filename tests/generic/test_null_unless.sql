{#
    null_unless(column, condition): `column` may hold a value only on rows where the SQL
    `condition` is true; everywhere else it must be null. Returns the offending rows.

    Example: jobs' customer_id is null unless opportunity_status in ('BOOKED', 'CLOSED').
#}
{% test null_unless(model, column, condition) %}

    select *
    from {{ model }}
    where {{ column }} is not null and not coalesce({{ condition }}, false)

{% endtest %}
