-- The roles that read leadhub's marts on PostgreSQL (macros/marts/grants.sql grants them, at
-- every build, on every mart). Run as a role that may create roles, with psql:
--   psql -v analyst_role=leadhub_analyst -v pii_reader_role=leadhub_pii_reader -f scripts/postgres-roles.sql
-- They cannot log in: grant them to the people's own login roles
--   (grant leadhub_analyst to alice;).
-- Idempotent: an existing role is left as it is.
select format('create role %I nologin', :'analyst_role')
where not exists (select 1 from pg_roles where rolname = :'analyst_role')
\gexec
select format('create role %I nologin', :'pii_reader_role')
where not exists (select 1 from pg_roles where rolname = :'pii_reader_role')
\gexec
