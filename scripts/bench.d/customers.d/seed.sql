-- Seed for `scripts/bench customers` (issue 13): one org with two companies of five teams, 50 CSMs, 10,000
-- customers with a contract each and 24 months of revenue snapshots (Nov 2024 – Oct 2026: some customers new in
-- the window, some expanding, some contracting, some churned), 100,000 tickets, 50,000 NPS responses, a touch on the
-- timeline per customer and a usage figure. Run as the cluster's superuser (row-level security does not apply), with
-- -v org=… -v owner=…; random() is seeded so every run builds the same data.
\set ON_ERROR_STOP on
SELECT setseed(0.13);

INSERT INTO company (org_id, id, name)
SELECT :'org', gen_random_uuid(), name FROM unnest(ARRAY['Enterprise', 'SMB']) AS name;

INSERT INTO team (org_id, id, company_id, name)
SELECT c.org_id, gen_random_uuid(), c.id, c.name || ' チーム ' || n
FROM company c, generate_series(1, 5) AS n WHERE c.org_id = :'org';

-- Five CSMs per team, each granted csm on their team.
CREATE TEMP TABLE bench_csm AS
SELECT gen_random_uuid() AS id, t.id AS team_id, t.company_id, row_number() OVER () AS n
FROM team t, generate_series(1, 5) WHERE t.org_id = :'org';
INSERT INTO member (org_id, id, email, display_name, locale)
SELECT :'org', id, 'csm' || n || '@bench.example', 'CSM ' || n, 'ja' FROM bench_csm;
INSERT INTO team_membership (org_id, team_id, member_id) SELECT :'org', team_id, id FROM bench_csm;
INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
SELECT :'org', gen_random_uuid(), id, 'csm', 'team', team_id FROM bench_csm;

CREATE TEMP TABLE bench_customer AS
SELECT gen_random_uuid() AS id, c.id AS owner_id, c.team_id, c.company_id, i,
    (ARRAY['ア', 'カ', 'サ', 'タ', 'ナ', 'ハ', 'マ', 'ヤ', 'ラ', 'ワ'])[1 + i % 10] || 'イアント' || i AS kana
FROM generate_series(1, 10000) AS i
JOIN bench_csm c ON c.n = 1 + i % 50;

INSERT INTO customer (org_id, id, external_id, name, name_kana, sort_key, company_id, team_id, owner_id, segment, phase,
    phase_since, health_grade, health_total, health_scored_at, last_touch_at, created_at)
SELECT :'org', id, 'CRM-' || i, '株式会社クライアント' || i, kana, kana, company_id, team_id, owner_id,
    (ARRAY['SMB', 'Mid', 'Enterprise'])[1 + i % 3],
    (ARRAY['onboarding', 'outcome', 'embedded', 'renewal'])[1 + i % 4], '2025-04-01',
    (ARRAY['A', 'B', 'C', 'D'])[1 + (i / 7) % 4], 90 - ((i / 7) % 4) * 20, '2026-11-01', '2026-11-01'::timestamptz - (i % 90) * interval '1 day',
    '2024-11-01'
FROM bench_customer;

INSERT INTO customer_owner_history (org_id, id, customer_id, owner_id, from_date)
SELECT :'org', gen_random_uuid(), id, owner_id, '2024-11-01' FROM bench_customer;
INSERT INTO customer_phase_history (org_id, id, customer_id, phase, from_date)
SELECT :'org', gen_random_uuid(), id, (ARRAY['onboarding', 'outcome', 'embedded', 'renewal'])[1 + i % 4], '2025-04-01'
FROM bench_customer;

-- One yearly contract per customer, ending between Dec 2026 and Nov 2027, auto-renewing with three months' notice.
INSERT INTO contract (org_id, id, customer_id, external_id, arr_minor, currency, start_date, end_date, auto_renews,
    notice_months)
SELECT :'org', gen_random_uuid(), id, 'CT-' || i, (1 + i % 20) * 600000, 'JPY',
    ('2025-12-01'::date + (i % 12) * interval '1 month')::date,
    ('2026-11-30'::date + (i % 12) * interval '1 month')::date, true, 3
FROM bench_customer;

-- 24 months of revenue: every tenth customer starts in month 13 (new in a 12-month window), every twentieth
-- churns after month 18, every seventh grows 2 % a month, every eleventh shrinks 1 % a month.
INSERT INTO revenue_snapshot (org_id, customer_id, month, currency, amount_minor)
SELECT :'org', c.id, ('2024-11-01'::date + m * interval '1 month')::date, 'JPY',
    ((1 + c.i % 20) * 50000 * CASE WHEN c.i % 7 = 0 THEN power(1.02, m) WHEN c.i % 11 = 0 THEN power(0.99, m) ELSE 1 END)::bigint
FROM bench_customer c, generate_series(0, 23) AS m
WHERE NOT (c.i % 10 = 0 AND m < 12) AND NOT (c.i % 20 = 5 AND m > 18);

-- 100,000 tickets over two years; most resolved, a backlog of recent ones open.
INSERT INTO ticket (org_id, id, customer_id, source, external_id, title, priority, product, status, opened_at,
    first_response_at, resolved_at, reopen_count, csat, phase_at_open)
SELECT :'org', gen_random_uuid(), c.id, 'zendesk', 'ZD-' || t, '問い合わせ ' || t,
    (ARRAY['urgent', 'high', 'normal', 'normal', 'low'])[1 + t % 5], (ARRAY['Core', 'Analytics', 'API'])[1 + t % 3],
    CASE WHEN t % 25 = 0 THEN 'open' ELSE 'resolved' END, o, o + (1 + t % 12) * interval '1 hour',
    CASE WHEN t % 25 = 0 THEN NULL ELSE o + (2 + t % 96) * interval '1 hour' END, (t % 9 = 0)::int,
    CASE WHEN t % 3 = 0 THEN 1 + t % 5 END, (ARRAY['onboarding', 'outcome', 'embedded', 'renewal'])[1 + t % 4]
FROM generate_series(1, 100000) AS t
JOIN bench_customer c ON c.i = 1 + t % 10000
CROSS JOIN LATERAL (SELECT '2024-11-01'::timestamptz + (t % 720) * interval '1 day' + (t % 9) * interval '1 hour' AS o) AS opened;

-- 50,000 NPS answers over two years.
INSERT INTO nps_response (org_id, id, customer_id, score, comment, respondent, responded_on, channel)
SELECT :'org', gen_random_uuid(), c.id, (r * 7) % 11, CASE WHEN r % 4 = 0 THEN 'サポートが丁寧' END, '担当者',
    ('2024-11-01'::date + (r % 720))::date, 'survey'
FROM generate_series(1, 50000) AS r
JOIN bench_customer c ON c.i = 1 + r % 10000;

INSERT INTO timeline_entry (org_id, id, customer_id, kind, success_tag, occurred_at, title, search_grams)
SELECT :'org', gen_random_uuid(), id, 'meeting', 'light', '2026-11-01'::timestamptz - (i % 90) * interval '1 day',
    '定例', ARRAY['定', '例', '定例'] FROM bench_customer;

INSERT INTO usage_metric (org_id, customer_id, metric, day, value)
SELECT :'org', id, 'active_users', '2026-10-31', i % 60 FROM bench_customer;

ANALYZE;
SELECT count(*) AS customers FROM customer WHERE org_id = :'org';
SELECT count(*) AS revenue_months FROM revenue_snapshot WHERE org_id = :'org';
SELECT count(*) AS tickets FROM ticket WHERE org_id = :'org';
SELECT count(*) AS nps_responses FROM nps_response WHERE org_id = :'org';
