{{ config(tags=['logic']) }}

{#
    The fast paths of the value parsers give what their rules give, on every engine:
      - parse_timestamp (DuckDB's try_strptime, PostgreSQL's function) equals
        regex_parse_timestamp, the rules as regular expressions;
      - clean_text (string searches first) equals the whitespace rule itself;
      - strip_accents (which skips ASCII text) equals the translate table on every text;
      - parse_duration_minutes (PostgreSQL's function) equals its rules.
    PostgreSQL has no try_cast for the inline date rules: there parse_timestamp is the rules
    (a plpgsql function) and is not compared; the other parsers are.
    Tagged `logic`: it checks the macros, not the exports, so `leadhub build` leaves it out
    and `make test` runs it on both engines (test_the_unit_tests_pass).
    Over a grid of ~8,000 texts made to sit on the edges: one- and two-digit parts, two-,
    four- and five-digit years, impossible days and hours, AM/PM in every spelling, runs of
    spaces, tabs and line breaks, trailing zones and fractions. Fails with each text that
    the two read differently.
#}
{%- if target.type == 'postgres' -%}
    {%- set rule_timestamp = leadhub.parse_timestamp('input_text') -%}
{%- else -%}
    {%- set rule_timestamp = leadhub.regex_parse_timestamp('input_text') -%}
{%- endif %}

with

dates as (
    select d.date_text
    from (
        values
        ('2024-01-02'), ('2024-1-2'), ('2024-02-30'), ('2024-02-29'), ('2023-02-29'),
        ('2024-13-01'), ('2024-00-10'), ('2024-001-02'), ('1899-12-31'), ('2101-01-01'),
        ('0024-01-02'), ('20245-01-02'), ('24-01-02'), ('2024/01/02'), ('2024-01-02x'),
        ('1/2/2024'), ('01/02/2024'), ('12/31/2024'), ('2/30/2024'), ('13/01/2024'),
        ('0/10/2024'), ('1/2/24'), ('1/2/02024'), ('001/02/2024'), ('1/2/1899'),
        ('12/31/2100'), ('1-2-2024'), ('2024.01.02'), (''), ('TBD')
    ) as d (date_text)
),

times as (
    select t.time_text
    from (
        values
        (''), (' 3:04'), (' 03:04'), (' 3:4'), (' 03:04:05'), (' 03:04:5'), ('T03:04:05'),
        ('T03:04'), ('  03:04'), (' 13:05'), (' 24:00'), (' 23:60'), (' 23:59:60'),
        (' 1:05 PM'), (' 1:05 pm'), (' 1:05 Pm'), (' 1:05PM'), (' 0:05 AM'), (' 13:05 PM'),
        (' 12:00 AM'), (' 12:00 pm'), (' 01:05:07 PM'), (' 1:05  PM'), (' 1:05 P.M.'),
        (' 03:04:05.123'), ('T03:04:05.5'), (' 03:04:05+00'), (' 03:04 Z'), ('x')
    ) as t (time_text)
),

paddings as (
    select
        p.prefix,
        p.suffix
    from (
        values
        ('', ''), (' ', ' '), ('', '  '), ('  ', '')
    ) as p (prefix, suffix)
),

texts as (
    select paddings.prefix || dates.date_text || times.time_text || paddings.suffix as input_text
    from dates
    cross join times
    cross join paddings
    union all
    select dates.date_text || ws.space_char || times.time_text as input_text
    from dates
    cross join times
    cross join (
        values (chr(9)), (chr(10)), (chr(13)), (chr(11)), (chr(12))
    ) as ws (space_char)
    union all
    select n.name_text as input_text
    from (
        values
        ('Zoë Côté'), ('ZOË  CÔTÉ'), ('Ærøskøbing'), ('Łódź'), ('naïve café'), ('Straße'),
        ('Nguyễn Văn'), ('O''Brien-Smith'), ('日本 太郎'), ('plain ascii'), ('')
    ) as n (name_text)
),

durations as (
    select amounts.amount_text || spaces.space_text || units.unit_text as input_text
    from (
        values ('12'), ('1.5'), ('0'), ('007'), ('1.'), ('.5'), ('2.125'), ('')
    ) as amounts (amount_text)
    cross join (
        values (''), (' '), ('  ')
    ) as spaces (space_text)
    cross join (
        values
        ('m'), ('min'), ('mins'), ('minute'), ('minutes'), ('h'), ('hr'), ('hrs'), ('hour'),
        ('hours'), ('d'), ('day'), ('days'), ('MIN'), ('Hours '), ('sec'), ('')
    ) as units (unit_text)
    union all
    select clock.clock_text as input_text
    from (
        values
        ('1:05'), ('12:30'), ('1:05:07'), ('1:60'), ('1:5'), ('10:00:00'), (':30'), ('1:05:7'),
        (' 2:15 '), ('1:05:60'), ('0:00')
    ) as clock (clock_text)
),

compared as (
    select
        'parse_timestamp' as checked_parser,
        input_text,
        cast({{ leadhub.parse_timestamp('input_text') }} as {{ dbt.type_string() }}) as fast_value,
        cast({{ rule_timestamp }} as {{ dbt.type_string() }}) as rule_value
    from texts
    union all
    select
        'clean_text' as checked_parser,
        input_text,
        {{ leadhub.clean_text('input_text') }} as fast_value,
        nullif(trim({{ leadhub.regex_replace('input_text', '\s+', ' ') }}), '') as rule_value
    from texts
    union all
    select
        'strip_accents' as checked_parser,
        input_text,
        {{ leadhub.strip_accents('input_text') }} as fast_value,
        {{ leadhub.translate_accents('input_text') }} as rule_value
    from texts
    union all
    select
        'parse_duration_minutes' as checked_parser,
        input_text,
        cast({{ leadhub.parse_duration_minutes('input_text') }} as {{ dbt.type_string() }}) as fast_value,
        cast({{ leadhub.rules_parse_duration_minutes('input_text') }} as {{ dbt.type_string() }}) as rule_value
    from durations
),

final as (
    select
        checked_parser,
        input_text,
        fast_value,
        rule_value
    from compared
    where coalesce(fast_value, '-') <> coalesce(rule_value, '-')
)

select * from final
