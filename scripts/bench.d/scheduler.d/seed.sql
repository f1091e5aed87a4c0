-- Seed for `scripts/bench scheduler`'s fan-out: :orgs orgs (default 100) on Japan's clock, each with one company,
-- 10 teams, an admin, 10 team leads and 40 members, a reporting line (each member's position reports to their team
-- lead's, so the reviewer look-up walks a real chain) and :goals active monthly FY2026 KPIs (default 1,000) owned by
-- the members. Run as the cluster's superuser (row-level security does not apply).
\set ON_ERROR_STOP on
\if :{?orgs}
\else
\set orgs 100
\endif
\if :{?goals}
\else
\set goals 1000
\endif

INSERT INTO org (id, slug, name, time_zone)
SELECT gen_random_uuid(), 'bench-' || n, 'Bench ' || n || ' 株式会社', 'Asia/Tokyo' FROM generate_series(1, :orgs) AS n;

INSERT INTO company (org_id, id, name) SELECT id, gen_random_uuid(), '本社' FROM org WHERE slug LIKE 'bench-%';

INSERT INTO team (org_id, id, company_id, name)
SELECT c.org_id, gen_random_uuid(), c.id, 'チーム ' || t FROM company c, generate_series(1, 10) AS t;

-- Member i (1–51): 1 is the admin, 2–11 lead team i-1, 12–51 belong to team (i-12) % 10 + 1.
INSERT INTO member (org_id, id, email, display_name, locale)
SELECT o.id, gen_random_uuid(), 'm' || i || '@' || o.slug || '.example', 'メンバー ' || i, 'ja'
FROM org o, generate_series(1, 51) AS i WHERE o.slug LIKE 'bench-%';

CREATE TEMP TABLE bench_member AS
SELECT m.org_id, m.id, split_part(split_part(m.email::text, '@', 1), 'm', 2)::int AS i FROM member m;
CREATE TEMP TABLE bench_team AS
SELECT t.org_id, t.id, t.company_id, split_part(t.name, ' ', 2)::int AS t FROM team t;

INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
SELECT org_id, gen_random_uuid(), id, 'admin', 'org', NULL FROM bench_member WHERE i = 1;
INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
SELECT m.org_id, gen_random_uuid(), m.id, 'manager', 'team', t.id
FROM bench_member m JOIN bench_team t ON t.org_id = m.org_id AND t.t = m.i - 1 WHERE m.i BETWEEN 2 AND 11;

-- Positions: a lead per team, and a position per member reporting to their team lead's.
CREATE TEMP TABLE bench_position AS
SELECT m.org_id, gen_random_uuid() AS id, m.id AS member_id, m.i,
    CASE WHEN m.i BETWEEN 2 AND 11 THEN m.i - 1 ELSE (m.i - 12) % 10 + 1 END AS t
FROM bench_member m WHERE m.i >= 2;
INSERT INTO position (org_id, id, name, scope_type, scope_id, reports_to)
SELECT p.org_id, p.id, CASE WHEN p.i <= 11 THEN 'リーダー ' ELSE 'メンバー ' END || p.i, 'team', t.id, NULL
FROM bench_position p JOIN bench_team t ON t.org_id = p.org_id AND t.t = p.t;
UPDATE position pos SET reports_to = lead.id
FROM bench_position p JOIN bench_position lead ON lead.org_id = p.org_id AND lead.t = p.t AND lead.i BETWEEN 2 AND 11
WHERE pos.org_id = p.org_id AND pos.id = p.id AND p.i >= 12;
INSERT INTO position_holder (org_id, id, position_id, member_id, is_primary, start_date)
SELECT org_id, gen_random_uuid(), id, member_id, true, '2026-01-01' FROM bench_position;

-- Goals: :goals monthly KPIs per org, owned by members 12–51 in turn, each on its owner's team.
INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, team_id, period, period_start, period_end,
    metric, unit, baseline, target, due_date, cadence)
SELECT o.id, gen_random_uuid(), 'kpi', 'KPI ' || g, m.id, 'team', t.company_id, t.id, 'FY2026', '2026-04-01',
    '2027-03-31', 'GRR', '%', 90, 95, '2027-03-31', 'monthly'
FROM org o CROSS JOIN generate_series(1, :goals) AS g
JOIN bench_member m ON m.org_id = o.id AND m.i = 12 + (g - 1) % 40
JOIN bench_team t ON t.org_id = o.id AND t.t = (m.i - 12) % 10 + 1
WHERE o.slug LIKE 'bench-%';

ANALYZE;
SELECT count(*) AS orgs FROM org WHERE slug LIKE 'bench-%';
SELECT count(*) AS goals FROM goal;
