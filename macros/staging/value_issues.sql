{#
    Rows of stg_crm__value_issues for one staged module: every value that was present in the
    export but could not be normalized, and every row that could not be staged at all.

    checks: a list of "column:kind[:raw_column]" strings (raw_column defaults to
    `<column>_raw`), where kind says how to tell a failure:
      date, timestamp, money, percent, integer, decimal, duration, quote_number
                    the typed column is null while its `<column>_raw` text is not blank
      status        the mapped status is null while `<column>_raw` is not blank
      email         `email_status` is 'invalid' (placeholders are not issues)
      phone         `phone` is null while `phone_raw` is not blank
    The row's natural key is `key`; a null key makes the row 'rejected' (reported once, as
    column `key`).
#}


{% macro value_issues(relation, module, key, checks) -%}
    {%- set reasons = {
        'date': 'not a date',
        'timestamp': 'not a date-time',
        'money': 'not an amount of money',
        'percent': 'not a percentage',
        'integer': 'not a whole number',
        'decimal': 'not a number',
        'duration': 'not a duration',
        'quote_number': 'not a quote number',
        'status': 'unknown status (add it to seeds/status_mappings.csv)',
        'email': 'not an email address',
        'phone': 'not a valid North American phone number',
    } -%}
    select
        '{{ module }}' as module,
        cast(null as varchar) as natural_key,
        _source_file as source_file,
        _source_row as source_row,
        _load_id as load_id,
        '{{ key }}' as column_name,
        cast(null as varchar) as raw_value,
        'no usable natural key ({{ key }}): row not staged' as reason
    from {{ relation }}
    where row_status = 'rejected'
    {%- for check in checks %}
        {%- set parts = check.split(':') %}
        {%- set column, kind = parts[0], parts[1] %}
        {%- set raw = parts[2] if parts | length > 2 else (
            'phone_raw' if kind == 'phone' else ('email_raw' if kind == 'email' else column ~ '_raw')) %}
    union all
    select
        '{{ module }}' as module,
        cast({{ key }} as varchar) as natural_key,
        _source_file as source_file,
        _source_row as source_row,
        _load_id as load_id,
        '{{ column }}' as column_name,
        {{ raw }} as raw_value,
        '{{ reasons[kind] }}' as reason
    from {{ relation }}
    where
        {%- if kind == 'email' %}
        email_status = 'invalid'
        {%- else %}
        {{ column }} is null
        and {{ leadhub.clean_text(raw) }} is not null
        {%- if kind in ('date', 'timestamp') %}
        and upper(trim({{ raw }})) <> 'TBD'
        {%- endif %}
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
