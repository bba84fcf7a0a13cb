-- leadhub's roles on PostgreSQL. Run as a role that may create roles, in the warehouse's
-- database, with psql:
--   psql -d leadhub -v loader_role=leadhub_loader -v transformer_role=leadhub_transformer \
--        -v analyst_role=leadhub_analyst -v pii_reader_role=leadhub_pii_reader \
--        -f scripts/postgres-roles.sql
--
--   loader_role       `leadhub load`: creates the raw schema and writes it; reads nothing else.
--   transformer_role  dbt: reads raw, creates and owns staging, intermediate and the marts, and
--                     grants the marts (macros/marts/grants.sql). It cannot write raw.
--   analyst_role      reads every mart except its personal columns; nothing below the marts.
--   pii_reader_role   reads every column of every mart.
--
-- They cannot log in. Give each service or person a login role of its own that is a member,
-- and make the two writers' sessions act as their role, so that what they create belongs to
-- it (and the default privileges below apply):
--   create role etl_load login password '...' in role leadhub_loader;
--   alter role etl_load set role leadhub_loader;
--   create role etl_dbt login password '...' in role leadhub_transformer;
--   alter role etl_dbt set role leadhub_transformer;
--   grant leadhub_analyst to alice;
-- Run `leadhub load` with LEADHUB_PG_USER=etl_load and dbt with LEADHUB_PG_USER=etl_dbt, and a
-- marts schema (LEADHUB_PG_SCHEMA) the transformer creates or owns, not `public`.
-- Idempotent: an existing role is left as it is; the grants are repeated harmlessly.
select format('create role %I nologin', role_name)
from unnest(array[:'loader_role', :'transformer_role', :'analyst_role', :'pii_reader_role']) as r (role_name)
where not exists (select 1 from pg_roles where rolname = role_name)
\gexec
-- Both writers create their schemas.
select format('grant create on database %I to %I, %I', current_database(), :'loader_role', :'transformer_role')
\gexec
-- Whatever the loader creates (the raw schema, its tables), the transformer may read.
select format('alter default privileges for role %I grant usage on schemas to %I', :'loader_role', :'transformer_role')
\gexec
select format('alter default privileges for role %I grant select on tables to %I', :'loader_role', :'transformer_role')
\gexec
