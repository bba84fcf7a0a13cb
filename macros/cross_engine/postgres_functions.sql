{#
    Functions some engines need, created by the on-run-start hook in dbt_project.yml. DuckDB's
    are in duckdb_functions.sql; PostgreSQL's below.

    fuzzystrmatch: levenshtein() for macros/cross_engine/fuzzy.sql (a trusted extension).

    The row functions (row_functions.sql), SQL functions the planner inlines.
    leadhub_parse_timestamp(text): the rules of parse_timestamp (macros/normalize/), the
    same patterns, each matched once per value. Null for blank, TBD, or impossible dates
    and times; never an error.
    leadhub_parse_duration_minutes(text): the rules of parse_duration_minutes, one match per
    value. tests/singular/assert_fast_parsers_agree_with_rules.sql holds it to the rules.
#}
{% macro create_functions() -%}
    {{ return(adapter.dispatch('create_functions', 'leadhub')()) }}
{%- endmacro %}

{% macro default__create_functions() -%}
    select 1
{%- endmacro %}

{# A call of a function create_functions made: it lives in the target schema. #}
{% macro project_function(name, expr) -%}
    {{ target.schema }}.{{ name }}({{ expr }})
{%- endmacro %}

{% macro postgres__create_functions() -%}
    {%- set p = leadhub.timestamp_patterns() -%}
    create extension if not exists fuzzystrmatch;
    create schema if not exists {{ target.schema }};
    {{ leadhub.create_row_functions() }}
    create or replace function {{ target.schema }}.leadhub_parse_timestamp(value text)
    returns timestamp
    language plpgsql immutable parallel safe
    as $fn$
    declare
        s text := trim(value);
        date_part text;
        time_part text;
        ampm text;
        y int;
        mo int;
        d int;
        h int := 0;
        mi int := 0;
        sec int := 0;
    begin
        -- Shapes are checked with the shared patterns (a plain match is fast); the parts are
        -- then cut out with string functions (regexp_match with groups is ~40x slower here).
        if s ~ '{{ p.iso }}' then
            s := translate(s, 'T', ' ');
            date_part := split_part(s, ' ', 1);
            time_part := split_part(s, ' ', 2);
            y := split_part(date_part, '-', 1)::int;
            mo := split_part(date_part, '-', 2)::int;
            d := split_part(date_part, '-', 3)::int;
        elsif s ~ '{{ p.us }}' then
            date_part := split_part(s, ' ', 1);
            time_part := trim(substr(s, length(date_part) + 1));
            if lower(right(time_part, 2)) in ('am', 'pm') then
                ampm := lower(right(time_part, 2));
                time_part := trim(left(time_part, -2));
            end if;
            mo := split_part(date_part, '/', 1)::int;
            d := split_part(date_part, '/', 2)::int;
            y := split_part(date_part, '/', 3)::int;
        else
            return null;
        end if;
        if time_part <> '' then
            h := split_part(time_part, ':', 1)::int;
            mi := split_part(time_part, ':', 2)::int;
            sec := coalesce(nullif(split_part(split_part(time_part, ':', 3), '.', 1), ''), '0')::int;
        end if;
        if ampm is not null then
            if h < 1 or h > 12 then
                return null;
            end if;
            h := h % 12 + case when ampm = 'pm' then 12 else 0 end;
        end if;
        if y < {{ var('date_min_year') }} or y > {{ var('date_max_year') }} or mo < 1 or mo > 12 or d < 1 or h > 23 or mi > 59 or sec > 59 then
            return null;
        end if;
        if d > extract(day from make_date(y, mo, 1) + interval '1 month' - interval '1 day') then
            return null;
        end if;
        return make_timestamp(y, mo, d, h, mi, sec);
    end
    $fn$;
    create or replace function {{ target.schema }}.leadhub_parse_duration_minutes(value text)
    returns decimal(12, 2)
    language plpgsql immutable parallel safe
    as $fn$
    declare
        s text := lower(trim(value));
        m text[];
    begin
        m := regexp_match(s, '{{ leadhub.duration_units_pattern() }}');
        if m is not null then
            return cast(
                cast(m[1] as decimal(12, 2)) * case
                    when m[3] in ('d', 'day', 'days') then 1440
                    when m[3] in ('h', 'hr', 'hrs', 'hour', 'hours') then 60
                    else 1
                end as decimal(12, 2)
            );
        end if;
        -- h:mm:ss, or m:ss (as parse_hms_seconds reads them)
        m := regexp_match(s, '^([0-9]+):([0-5][0-9])(:([0-5][0-9]))?$');
        if m is null then
            return null;
        end if;
        if m[4] is not null then
            return cast((cast(m[1] as integer) * 3600 + cast(m[2] as integer) * 60 + cast(m[4] as integer)) / 60.0 as decimal(12, 2));
        end if;
        return cast((cast(m[1] as integer) * 60 + cast(m[2] as integer)) / 60.0 as decimal(12, 2));
    end
    $fn$
{%- endmacro %}


{#
    `with x as {{ leadhub.materialized() }} (...)`: compute a CTE once. PostgreSQL otherwise
    inlines it and evaluates each of its expressions again wherever it is referenced (the
    staging `typed` CTEs are referenced by several window functions: 2-3x slower). DuckDB
    too may inline a CTE referenced twice: a chain of such CTEs (the rounds of
    int_identity_clusters) would grow exponentially.
#}
{% macro materialized() -%}
    {{ return(adapter.dispatch('materialized', 'leadhub')()) }}
{%- endmacro %}

{% macro default__materialized() -%}{%- endmacro %}

{% macro postgres__materialized() -%}
    materialized
{%- endmacro %}

{% macro duckdb__materialized() -%}
    materialized
{%- endmacro %}

{#
    prefer_hash_joins(): a pre-hook for a model whose big self-join PostgreSQL underestimates.
    The blocking-key self-join of int_identity_candidate_pairs makes 3.7 million rows where
    the statistics of (block_kind, block_value) predict 0.36 million, so the planner chose a
    merge join that sorted the 4 million keys in every worker: 109 s, against 73 s with hash
    joins. `set local` ends with the model's transaction. Nothing elsewhere.
#}
{% macro prefer_hash_joins() -%}
    {{ return(adapter.dispatch('prefer_hash_joins', 'leadhub')()) }}
{%- endmacro %}

{% macro default__prefer_hash_joins() -%}
{%- endmacro %}

{% macro postgres__prefer_hash_joins() -%}
    set local enable_mergejoin = off
{%- endmacro %}

{#
    `with x as {{ leadhub.computed_once() }} (...)`: a CTE whose costly columns the next CTE
    reads many times. PostgreSQL inlines a CTE referenced once and then computes each
    reference of a column again: the comparison levels read each name similarity up to ten
    times, so a pair paid ~40 edit distances instead of 6. Materialized, each is computed
    once. DuckDB shares repeated sub-expressions itself and would only copy the rows.
#}
{% macro computed_once() -%}
    {{ return(adapter.dispatch('computed_once', 'leadhub')()) }}
{%- endmacro %}

{% macro default__computed_once() -%}{%- endmacro %}

{% macro postgres__computed_once() -%}
    materialized
{%- endmacro %}

{#
    `with x as {{ leadhub.inlined() }} (...)`: a CTE referenced twice whose rows the planner
    must see through. PostgreSQL computes such a CTE once and then knows nothing of its columns:
    it guessed the self-join of int_identity_candidate_pairs' blocking keys at 6 thousand rows
    instead of 6 million and chose a plan that ran for more than 18 minutes. Inlined, the join
    reads the tables and their statistics (100 s). DuckDB and Spark plan it well either way.
#}
{% macro inlined() -%}
    {{ return(adapter.dispatch('inlined', 'leadhub')()) }}
{%- endmacro %}

{% macro default__inlined() -%}{%- endmacro %}

{% macro postgres__inlined() -%}
    not materialized
{%- endmacro %}

{#
    session_tuning(): a pre-hook of the heavy layers. On PostgreSQL it raises work_mem for
    the model's session (var postgres_work_mem) so that joins and aggregates over a million
    keys hash in memory instead of sorting to disk, and turns JIT compilation off: our
    queries are long expressions over a few passes, and compiling them cost more than it saved
    (int_sales_person_variants at scale 1: 12 of its 27 s were JIT). Nothing elsewhere.
#}
{% macro session_tuning() -%}
    {{ return(adapter.dispatch('session_tuning', 'leadhub')()) }}
{%- endmacro %}

{% macro default__session_tuning() -%}
{%- endmacro %}

{% macro postgres__session_tuning() -%}
    set work_mem = '{{ var("postgres_work_mem") }}';
    set jit = off
{%- endmacro %}

{#
    refresh_statistics(): a post-hook of every table model. PostgreSQL gathers no statistics on
    a table `create table as` has just made, and autovacuum comes later (if at all before the
    next model reads it): the planner then guesses row counts and join sizes blind. `analyze`
    samples the table (a fraction of a second at a million rows). DuckDB keeps its statistics
    as it writes.
#}
{% macro refresh_statistics() -%}
    {{ return(adapter.dispatch('refresh_statistics', 'leadhub')()) }}
{%- endmacro %}

{% macro default__refresh_statistics() -%}
{%- endmacro %}

{% macro postgres__refresh_statistics() -%}
    {%- if model.config.materialized in ('table', 'incremental') -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
