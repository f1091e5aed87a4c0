-- Seed for `scripts/bench goals`: two companies of one org, each with a 2,000-goal FY2026 tree (10 KGIs, 50 KSFs,
-- 1,940 KPIs) and 12 months of check-ins for every goal. Run as the cluster's superuser (row-level security does
-- not apply), with -v org=… -v owner=…
\set ON_ERROR_STOP on

INSERT INTO company (org_id, id, name)
SELECT :'org', gen_random_uuid(), name FROM unnest(ARRAY['Enterprise', 'SMB']) AS name;

INSERT INTO team (org_id, id, company_id, name)
SELECT c.org_id, gen_random_uuid(), c.id, c.name || ' チーム ' || n
FROM company c, generate_series(1, 5) AS n WHERE c.org_id = :'org';

WITH kgi AS (
    INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, period, period_start, period_end,
        metric, unit, baseline, target, due_date)
    SELECT c.org_id, gen_random_uuid(), 'kgi', c.name || ' KGI ' || n, :'owner', 'company', c.id, 'FY2026',
        '2026-04-01', '2027-03-31', '売上', '円', 100000000, 120000000, '2027-03-31'
    FROM company c, generate_series(1, 10) AS n WHERE c.org_id = :'org'
    RETURNING id, company_id
), ksf AS (
    INSERT INTO goal (org_id, id, kind, parent_id, title, description, owner_id, scope_kind, company_id, period,
        period_start, period_end)
    SELECT :'org', gen_random_uuid(), 'ksf', kgi.id, 'KSF ' || n, '成功要因 ' || n, :'owner', 'company', kgi.company_id,
        'FY2026', '2026-04-01', '2027-03-31'
    FROM kgi, generate_series(1, 5) AS n
    RETURNING id, company_id
), numbered AS (
    SELECT id, company_id, row_number() OVER (PARTITION BY company_id ORDER BY id) AS i FROM ksf
)
INSERT INTO goal (org_id, id, kind, parent_id, title, owner_id, scope_kind, company_id, team_id, period, period_start,
    period_end, metric, unit, baseline, target, due_date)
SELECT :'org', gen_random_uuid(), 'kpi', k.id, 'KPI ' || k.i || '-' || n, :'owner', 'team', k.company_id,
    (SELECT t.id FROM team t WHERE t.org_id = :'org' AND t.company_id = k.company_id ORDER BY t.id OFFSET (n % 5) LIMIT 1),
    'FY2026', '2026-04-01', '2027-03-31', 'GRR', '%', 90, 95, '2027-03-31'
FROM numbered k, generate_series(1, 39) AS n
WHERE n <= CASE WHEN k.i <= 40 THEN 39 ELSE 38 END;

INSERT INTO check_in (org_id, id, goal_id, period, period_start, period_end, state, actual, confidence, opens_on,
    due_on, review_by, submitted_at, reviewed_at)
SELECT g.org_id, gen_random_uuid(), g.id, to_char(m, 'YYYY-MM'), m::date, (m + interval '1 month - 1 day')::date,
    CASE WHEN m < '2026-10-01' THEN 'reviewed' WHEN m < '2026-11-01' THEN 'submitted' ELSE 'open' END,
    CASE WHEN m < '2026-11-01' THEN 88 + random() * 10 END,
    CASE WHEN m < '2026-11-01' THEN (ARRAY['on_track', 'at_risk', 'off_track'])[1 + floor(random() * 3)::int] END,
    (m + interval '1 month')::date, (m + interval '1 month 6 days')::date, (m + interval '1 month 13 days')::date,
    CASE WHEN m < '2026-11-01' THEN m + interval '1 month 5 days' END,
    CASE WHEN m < '2026-10-01' THEN m + interval '1 month 10 days' END
FROM goal g, generate_series('2026-04-01'::timestamp, '2027-03-01'::timestamp, interval '1 month') AS m
WHERE g.org_id = :'org';

ANALYZE;
SELECT count(*) AS goals FROM goal WHERE org_id = :'org';
SELECT count(*) AS check_ins FROM check_in WHERE org_id = :'org';
