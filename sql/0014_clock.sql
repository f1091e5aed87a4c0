-- One source of "now" per decision (issue 9). The server hands every transaction the instant of its clock:
-- live in production, where this is PostgreSQL's own now(); a fixed or travelling instant in tests and in a
-- catch-up run (`banso worker --once --now`), pinned per transaction as `banso.now`. Every SQL decision about
-- time (expiry, due jobs, rate-limit windows) and every default timestamp reads banso_now(), so the SQL side
-- and the Swift side of one decision agree.
--
-- STABLE and written in SQL so the planner inlines it: a comparison with an indexed column stays an index
-- condition, evaluated once per statement.
CREATE FUNCTION banso_now() RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(nullif(current_setting('banso.now', true), '')::timestamptz, now()) $$;

-- Every column that defaulted to now() defaults to banso_now().
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_default IN ('now()', 'CURRENT_TIMESTAMP')
    LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT banso_now()', c.table_name, c.column_name);
    END LOOP;
END
$$;
