{#
    One row per resolved person (lead or customer): the spelling of the name, email and phone
    used most often across their records, the CRM customer id(s) of the customers export, and
    the evidence that holds the records together. A person is of one company (grouped by it,
    a customer_id of two companies would be two rows, which the key test refuses).
#}
with

customer_records as (
    select * from {{ ref('int_customer_records') }}
),

{% for attribute in ['customer_name', 'email', 'phone'] %}
    {{ attribute }}_choice as (
        select
            customer_id,
            {{ attribute }},
            row_number() over (
                partition by customer_id
                order by count(*) desc, {{ attribute }} asc
            ) as preference
        from customer_records
        where {{ attribute }} is not null
        group by customer_id, {{ attribute }}
    ),

{% endfor %}
totals as (
    select
        customer_id,
        company,
        min(case when is_anchor then record_key end) as anchor_record_key,
        count(*) as record_count,
        count(distinct module) as module_count,
        min(crm_customer_id) as crm_customer_id,
        count(distinct crm_customer_id) as crm_customer_id_count,
        min(event_at) as first_seen_at,
        max(event_at) as last_seen_at,
        min(merge_confidence) as weakest_merge_confidence,
        sum(case when merge_method = 'manual' then 1 else 0 end) as manual_merge_count
    from customer_records
    group by customer_id, company
),

final as (
    select
        totals.customer_id,
        totals.company,
        totals.anchor_record_key,
        customer_name_choice.customer_name,
        email_choice.email,
        phone_choice.phone,
        totals.crm_customer_id,
        totals.crm_customer_id_count,
        totals.record_count,
        totals.module_count,
        totals.first_seen_at,
        totals.last_seen_at,
        totals.weakest_merge_confidence,
        totals.manual_merge_count
    from totals
    left join customer_name_choice
        on totals.customer_id = customer_name_choice.customer_id and customer_name_choice.preference = 1
    left join email_choice
        on totals.customer_id = email_choice.customer_id and email_choice.preference = 1
    left join phone_choice
        on totals.customer_id = phone_choice.customer_id and phone_choice.preference = 1
)

select * from final
