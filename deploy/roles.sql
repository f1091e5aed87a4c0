-- Database roles for a Banso deployment: run once, as a superuser, before the first `banso migrate`.
--
--   banso_owner   owns the database and schema and runs the migrations
--                 (BANSO_MIGRATION_DATABASE_URL, or `banso migrate --database-url`).
--   banso_app     the unprivileged role every transaction switches to; it owns nothing, so row-level security
--                 applies to it (migration 0002 grants it what it may touch).
--   banso_server  what `banso serve` and `banso worker` log in as (BANSO_DATABASE_URL): it owns nothing and is a
--                 member of banso_app only, so a compromised server can neither change the schema nor read past the
--                 tenant policies.
--
--   psql -v owner_password="'…'" -v server_password="'…'" -f deploy/roles.sql
CREATE ROLE banso_owner LOGIN PASSWORD :owner_password;
CREATE ROLE banso_app NOLOGIN;
GRANT banso_app TO banso_owner WITH ADMIN OPTION;
CREATE ROLE banso_server LOGIN PASSWORD :server_password IN ROLE banso_app;
CREATE DATABASE banso OWNER banso_owner;
\connect banso
-- PostgreSQL 15 already refuses CREATE in public to ordinary roles; say it for older clusters too.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO banso_owner;
