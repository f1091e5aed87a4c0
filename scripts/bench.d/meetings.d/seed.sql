-- Seed for `scripts/bench meetings` (issue 14): one org with one company of five teams, 50 members (49 CSMs and a
-- manager), 2,000 goals with three months of check-ins, 2,000 customers with a year of health scores, contracts,
-- 20,000 tickets and the accountabilities a CS organisation carries — everything dated relative to the occurrence
-- the bench generates (-v meeting_day=YYYY-MM-DD, its local day in Asia/Tokyo), so the data is "current" on any
-- day the bench runs. Run as the cluster's superuser (row-level security does not apply) with -v org=… -v owner=…;
-- random() is seeded so every run builds the same shape.
--
-- What the occurrence's agenda should find (the `decide` template reads renewals, expansion signals, the previous
-- occurrence's actions, health drops and goals):
--   - goals: the last month's check-ins are 70 % on track, 20 % at risk, 10 % off track; a tenth not submitted yet
--     (drafts, untouched, none at all) and a quarter of the submitted ones still waiting for review;
--   - health: a score per customer per month for a year, then one ten days before the meeting in which every tenth
--     customer falls a grade (200 drops since the previous occurrence, four weeks before);
--   - renewals: yearly contracts ending over the next 24 months with 3 months' notice (some 60 days, some not
--     renewing by themselves), so about an eighth of the notice deadlines fall in the next 90 days; open urgent and
--     high tickets on a few hundred customers;
--   - expansion signals: 50 handed off in the last three weeks, 50 older ones;
--   - accountabilities: one per goal (most completed; 100 pending for weeks, 100 past their due day), 200 duties.
\set ON_ERROR_STOP on
SELECT setseed(0.14);

CREATE TEMP TABLE bench_clock AS
SELECT :'meeting_day'::date AS day,
    (:'meeting_day'::date + time '10:00') AT TIME ZONE 'Asia/Tokyo' AS meeting_at,
    date_trunc('month', :'meeting_day'::date)::date AS this_month;

INSERT INTO company (org_id, id, name) VALUES (:'org', gen_random_uuid(), 'Enterprise');
INSERT INTO team (org_id, id, company_id, name)
SELECT c.org_id, gen_random_uuid(), c.id, 'チーム ' || n FROM company c, generate_series(1, 5) AS n WHERE c.org_id = :'org';
CREATE TEMP TABLE bench_team AS
SELECT id, company_id, row_number() OVER (ORDER BY name) - 1 AS n FROM team WHERE org_id = :'org';

-- 49 CSMs spread over the teams, and their manager over the company.
CREATE TEMP TABLE bench_member AS
SELECT gen_random_uuid() AS id, s.n, t.id AS team_id, t.company_id
FROM generate_series(1, 49) AS s(n) JOIN bench_team t ON t.n = s.n % 5;
INSERT INTO member (org_id, id, email, display_name, locale)
SELECT :'org', id, 'csm' || n || '@bench.example', 'CSM ' || n, 'ja' FROM bench_member;
INSERT INTO team_membership (org_id, team_id, member_id) SELECT :'org', team_id, id FROM bench_member;
INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
SELECT :'org', gen_random_uuid(), id, 'csm', 'team', team_id FROM bench_member;
CREATE TEMP TABLE bench_manager AS SELECT gen_random_uuid() AS id, (SELECT id FROM company WHERE org_id = :'org') AS company_id;
INSERT INTO member (org_id, id, email, display_name, locale)
SELECT :'org', id, 'manager@bench.example', 'マネージャー', 'ja' FROM bench_manager;
INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
SELECT :'org', gen_random_uuid(), id, 'manager', 'company', company_id FROM bench_manager;

-- 2,000 monthly goals over the fiscal year around the meeting, owned by the CSMs, on their teams (every tenth one a
-- company goal of the manager's).
CREATE TEMP TABLE bench_goal AS
SELECT gen_random_uuid() AS id, i, CASE WHEN i % 10 = 0 THEN (SELECT id FROM bench_manager) ELSE m.id END AS owner_id,
    m.company_id, CASE WHEN i % 10 = 0 THEN NULL ELSE m.team_id END AS team_id
FROM generate_series(1, 2000) AS i JOIN bench_member m ON m.n = 1 + i % 49;
INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, team_id, period, period_start, period_end, cadence)
SELECT :'org', g.id, 'ksf', 'ゴール ' || g.i, g.owner_id, CASE WHEN g.team_id IS NULL THEN 'company' ELSE 'team' END, g.company_id,
    g.team_id, 'FY' || extract(year FROM k.this_month - interval '6 months'), (k.this_month - interval '6 months')::date,
    (k.this_month + interval '6 months' - interval '1 day')::date, 'monthly'
FROM bench_goal g, bench_clock k;

-- Three months of check-ins. The two older months are reviewed; the last one is the mix the agenda reads.
INSERT INTO check_in (org_id, id, goal_id, period, period_start, period_end, state, confidence, comment, opens_on, due_on,
    review_by, submitted_at, late, reviewer_id, reviewed_at)
SELECT :'org', gen_random_uuid(), g.id, to_char(p.start_on, 'YYYY-MM'), p.start_on, (p.start_on + interval '1 month - 1 day')::date,
    s.state, s.confidence, CASE WHEN s.state <> 'open' OR g.i % 40 = 1 THEN '今月の振り返り' END,
    (p.start_on + interval '1 month')::date, (p.start_on + interval '1 month 6 days')::date,
    (p.start_on + interval '1 month 13 days')::date,
    CASE WHEN s.state <> 'open' THEN (p.start_on + interval '1 month 4 days' + (g.i % 5) * interval '1 day') AT TIME ZONE 'Asia/Tokyo' END,
    s.state <> 'open' AND g.i % 5 = 4, (SELECT id FROM bench_manager),
    CASE WHEN s.state = 'reviewed' THEN (p.start_on + interval '1 month 12 days') AT TIME ZONE 'Asia/Tokyo' END
FROM bench_goal g
CROSS JOIN bench_clock k
CROSS JOIN LATERAL (SELECT (k.this_month - m * interval '1 month')::date AS start_on, m FROM generate_series(1, 3) AS m) p
CROSS JOIN LATERAL (
    SELECT CASE
            WHEN p.m > 1 THEN 'reviewed'
            WHEN g.i % 20 IN (1, 2) THEN 'open'
            WHEN g.i % 4 = 0 THEN 'submitted'
            ELSE 'reviewed' END AS state,
        CASE
            WHEN p.m = 1 AND g.i % 20 = 2 THEN NULL
            WHEN g.i % 10 = 3 THEN 'off_track'
            WHEN g.i % 10 IN (5, 7) THEN 'at_risk'
            ELSE 'on_track' END AS confidence
) s
-- A tenth of last month's check-ins were never opened at all.
WHERE NOT (p.m = 1 AND g.i % 20 = 3);

-- 2,000 customers of the CSMs, a fifth with the manager as sales owner.
CREATE TEMP TABLE bench_customer AS
SELECT gen_random_uuid() AS id, i, m.id AS owner_id, m.team_id, m.company_id,
    CASE WHEN i % 5 = 0 THEN (SELECT id FROM bench_manager) END AS sales_owner_id,
    (ARRAY['A', 'B', 'C'])[1 + i % 3] AS grade,
    (ARRAY['ア', 'カ', 'サ', 'タ', 'ナ', 'ハ', 'マ', 'ヤ', 'ラ', 'ワ'])[1 + i % 10] || 'イアント' || i AS kana
FROM generate_series(1, 2000) AS i JOIN bench_member m ON m.n = 1 + i % 49;
-- Every tenth customer falls a grade in the score ten days before the meeting.
CREATE TEMP TABLE bench_latest AS
SELECT id, CASE WHEN i % 10 = 0 THEN chr(ascii(grade) + 1) ELSE grade END AS grade FROM bench_customer;
INSERT INTO customer (org_id, id, external_id, name, name_kana, sort_key, company_id, team_id, owner_id, sales_owner_id, phase,
    phase_since, health_grade, health_total, health_scored_at, created_at)
SELECT :'org', c.id, 'CRM-' || c.i, '株式会社クライアント' || c.i, c.kana, c.kana, c.company_id, c.team_id, c.owner_id,
    c.sales_owner_id, (ARRAY['onboarding', 'outcome', 'embedded', 'renewal'])[1 + c.i % 4], k.this_month - interval '1 year',
    l.grade, 90 - (ascii(l.grade) - 65) * 20, k.meeting_at - interval '10 days', k.meeting_at - interval '2 years'
FROM bench_customer c JOIN bench_latest l ON l.id = c.id, bench_clock k;

INSERT INTO health_model (org_id, version, definition) VALUES (:'org', 1, '{}');
-- Twelve monthly scores per customer at its usual grade, then the one ten days before the meeting.
INSERT INTO health_score (org_id, id, customer_id, model_version, month, scored_at, total, grade, contributions, source)
SELECT :'org', gen_random_uuid(), c.id, 1, s.month, s.scored_at, 90 - (ascii(s.grade) - 65) * 20, s.grade,
    jsonb_build_array(
        jsonb_build_object('kind', 'nps', 'raw', 40 - (ascii(s.grade) - 65) * 30, 'normalised', 0.9 - (ascii(s.grade) - 65) * 0.3,
            'weight', 40, 'share', 0.4, 'contribution', 36 - (ascii(s.grade) - 65) * 12),
        jsonb_build_object('kind', 'open_high_priority_tickets', 'raw', ascii(s.grade) - 65, 'normalised', 1 - (ascii(s.grade) - 65) * 0.25,
            'weight', 20, 'share', 0.2, 'contribution', 20 - (ascii(s.grade) - 65) * 5),
        jsonb_build_object('kind', 'days_since_last_touch', 'raw', 10 + (ascii(s.grade) - 65) * 20, 'normalised', 0.9,
            'weight', 20, 'share', 0.2, 'contribution', 18 - (ascii(s.grade) - 65) * 2),
        jsonb_build_object('kind', 'usage:active_users', 'raw', 50 - (ascii(s.grade) - 65) * 10, 'normalised', 0.8,
            'weight', 20, 'share', 0.2, 'contribution', 16 - (ascii(s.grade) - 65) * 1)),
    'schedule'
FROM bench_customer c
JOIN bench_latest l ON l.id = c.id
CROSS JOIN bench_clock k
CROSS JOIN LATERAL (
    SELECT (k.this_month - m * interval '1 month')::date AS month,
        (k.this_month - m * interval '1 month' + interval '3 hours') AT TIME ZONE 'Asia/Tokyo' AS scored_at, c.grade
    FROM generate_series(1, 12) AS m
    UNION ALL
    SELECT date_trunc('month', k.meeting_at - interval '10 days')::date, k.meeting_at - interval '10 days', l.grade
) s;

-- One yearly contract per customer ending at a month's end over the next 24 months; a quarter also have last
-- year's, expired.
INSERT INTO contract (org_id, id, customer_id, external_id, arr_minor, currency, start_date, end_date, auto_renews, notice_days,
    notice_months, status)
SELECT :'org', gen_random_uuid(), c.id, 'CT-' || c.i, (1 + c.i % 20) * 600000, 'JPY',
    (k.this_month + (c.i % 24 + 1) * interval '1 month' - interval '1 year')::date,
    (k.this_month + (c.i % 24 + 1) * interval '1 month' - interval '1 day')::date,
    c.i % 7 <> 0, CASE WHEN c.i % 5 = 0 THEN 60 END, CASE WHEN c.i % 5 <> 0 THEN 3 END, 'active'
FROM bench_customer c, bench_clock k;
INSERT INTO contract (org_id, id, customer_id, external_id, arr_minor, currency, start_date, end_date, auto_renews, notice_months,
    status)
SELECT :'org', gen_random_uuid(), c.id, 'CT-OLD-' || c.i, (1 + c.i % 20) * 500000, 'JPY',
    (k.this_month - interval '2 years')::date, (k.this_month - interval '1 year' - interval '1 day')::date, true, 3, 'expired'
FROM bench_customer c, bench_clock k WHERE c.i % 4 = 0;

-- 20,000 tickets over two years, most resolved; open urgent and high ones on about a customer in five.
INSERT INTO ticket (org_id, id, customer_id, source, external_id, title, priority, status, opened_at, resolved_at, phase_at_open)
SELECT :'org', gen_random_uuid(), c.id, 'zendesk', 'ZD-' || t, '問い合わせ ' || t,
    (ARRAY['urgent', 'high', 'normal', 'normal', 'low'])[1 + (t / 2000) % 5],
    CASE WHEN t % 23 = 0 THEN 'open' WHEN t % 29 = 0 THEN 'pending' ELSE 'resolved' END,
    k.meeting_at - (t % 720) * interval '1 day',
    CASE WHEN t % 23 <> 0 AND t % 29 <> 0 THEN k.meeting_at - (t % 720) * interval '1 day' + interval '2 days' END,
    (ARRAY['onboarding', 'outcome', 'embedded', 'renewal'])[1 + t % 4]
FROM generate_series(1, 20000) AS t JOIN bench_customer c ON c.i = 1 + t % 2000, bench_clock k;

-- Expansion signals, each handed off (an accountability for the CSM) when raised: 50 in the last three weeks,
-- 50 two months ago.
CREATE TEMP TABLE bench_signal AS
SELECT gen_random_uuid() AS ticket_id, gen_random_uuid() AS handoff_id, c.id AS customer_id, c.owner_id, c.company_id, c.team_id, c.i,
    k.meeting_at - CASE WHEN c.i % 40 = 0 THEN (c.i % 21 + 1) * interval '1 day' ELSE interval '60 days' END AS raised_at
FROM bench_customer c, bench_clock k WHERE c.i % 20 = 0;
INSERT INTO accountability (org_id, id, assignee_id, assigned_by, subject_type, subject_id, company_id, team_id, note, state,
    created_at)
SELECT :'org', s.handoff_id, s.owner_id, (SELECT id FROM bench_manager), 'customer', s.customer_id, s.company_id, s.team_id,
    '追加ライセンスの相談', CASE WHEN s.i % 40 = 0 THEN 'acknowledged' ELSE 'completed' END, s.raised_at
FROM bench_signal s;
INSERT INTO ticket (org_id, id, customer_id, source, external_id, title, priority, status, opened_at, phase_at_open,
    expansion_signal, expansion_note, handoff_id)
SELECT :'org', s.ticket_id, s.customer_id, 'zendesk', 'ZD-X' || s.i, '席数追加の相談 ' || s.i, 'normal', 'open',
    s.raised_at - interval '1 day', 'embedded', true, (10 + s.i % 90) || '席追加の相談', s.handoff_id
FROM bench_signal s;

-- One accountability per goal (most completed; 100 pending for weeks; 100 acknowledged and past their due day),
-- and 200 duties on the teams.
INSERT INTO accountability (org_id, id, assignee_id, assigned_by, subject_type, subject_id, company_id, team_id, due_date, state,
    created_at)
SELECT :'org', gen_random_uuid(), g.owner_id, (SELECT id FROM bench_manager), 'goal', g.id, g.company_id, g.team_id,
    CASE WHEN g.i % 20 = 1 THEN k.day - (1 + g.i % 17) ELSE k.day + (g.i % 60 - 20) END,
    CASE WHEN g.i % 20 = 0 THEN 'pending' WHEN g.i % 20 = 1 THEN 'acknowledged' ELSE 'completed' END,
    k.meeting_at - (7 + g.i % 40) * interval '1 day'
FROM bench_goal g, bench_clock k;
INSERT INTO accountability (org_id, id, assignee_id, assigned_by, subject_type, duty, company_id, team_id, due_date, state,
    created_at)
SELECT :'org', gen_random_uuid(), m.id, (SELECT id FROM bench_manager), 'duty', '週次レポート ' || d, m.company_id, m.team_id,
    k.day + (d % 30 - 10), (ARRAY['pending', 'acknowledged', 'completed', 'completed'])[1 + d % 4],
    k.meeting_at - (3 + d % 30) * interval '1 day'
FROM generate_series(1, 200) AS d JOIN bench_member m ON m.n = 1 + d % 49, bench_clock k;

ANALYZE;
SELECT count(*) AS goals FROM goal WHERE org_id = :'org';
SELECT count(*) AS check_ins FROM check_in WHERE org_id = :'org';
SELECT count(*) AS customers FROM customer WHERE org_id = :'org';
SELECT count(*) AS health_scores FROM health_score WHERE org_id = :'org';
SELECT count(*) AS tickets FROM ticket WHERE org_id = :'org';
SELECT count(*) AS accountabilities FROM accountability WHERE org_id = :'org';
