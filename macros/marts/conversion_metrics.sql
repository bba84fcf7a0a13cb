{#
    The conversion metrics every conversion_by_* mart reports, aggregated over lead_journey
    rows (one per lead) grouped by the mart's dimension. Definitions (also in each mart's
    column docs):

    lead_count              leads (lead_journey rows); the denominator of booking_rate
    booked/lost/bad/open    leads by outcome; they add up to lead_count
    person_count            distinct resolved persons with a lead here; conversion_rate's denominator
                            (the customer base: customers + leads)
    customer_count          of those, persons whose lead here led to a BOOKED/CLOSED job
    booking_rate            booked_count / lead_count
    conversion_rate         customer_count / person_count
    median_days_to_booking  median days from lead received to booked, over booked leads with both dates
    revenue                 total actual cost of the customer jobs of these leads
#}
{% macro conversion_metrics() -%}
    count(*) as lead_count,
    sum(case when outcome = 'booked' then 1 else 0 end) as booked_count,
    sum(case when outcome = 'lost' then 1 else 0 end) as lost_count,
    sum(case when outcome = 'bad' then 1 else 0 end) as bad_count,
    sum(case when outcome = 'open' then 1 else 0 end) as open_count,
    count(distinct customer_id) as person_count,
    count(distinct case when is_converted then customer_id end) as customer_count,
    cast({{ leadhub.median('days_to_booking') }} as decimal(9, 1)) as median_days_to_booking,
    sum(revenue) as revenue
{%- endmacro %}

{#- The metric columns of a conversion mart's final select, rates computed from the counts. -#}
{% macro conversion_metric_columns(relation) -%}
    cast({{ relation }}.lead_count as bigint) as lead_count,
    cast({{ relation }}.booked_count as bigint) as booked_count,
    cast({{ relation }}.lost_count as bigint) as lost_count,
    cast({{ relation }}.bad_count as bigint) as bad_count,
    cast({{ relation }}.open_count as bigint) as open_count,
    cast({{ relation }}.person_count as bigint) as person_count,
    cast({{ relation }}.customer_count as bigint) as customer_count,
    {{ leadhub.ratio(relation ~ '.booked_count', relation ~ '.lead_count') }} as booking_rate,
    {{ leadhub.ratio(relation ~ '.customer_count', relation ~ '.person_count') }} as conversion_rate,
    {{ relation }}.median_days_to_booking,
    cast({{ relation }}.revenue as decimal(18, 2)) as revenue
{%- endmacro %}
