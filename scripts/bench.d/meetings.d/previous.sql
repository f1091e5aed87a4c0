-- The occurrence before the one `scripts/bench meetings` generates: held four weeks earlier (off the cadence, so
-- the body's series is left as planned), with 20 action items of which 12 are still open — what the agenda's
-- "previous actions" section carries over. Run after the body exists, with -v org=… -v owner=… -v body=….
\set ON_ERROR_STOP on

CREATE TEMP TABLE bench_previous AS
SELECT gen_random_uuid() AS id, starts_at - interval '28 days' AS starts_at
FROM meeting WHERE org_id = :'org' AND body_id = :'body' AND state = 'planned' ORDER BY starts_at LIMIT 1;
INSERT INTO meeting (org_id, id, body_id, starts_at, ends_at, state, off_cadence, agenda_generated_at)
SELECT :'org', id, :'body', starts_at, starts_at + interval '1 hour', 'held', true, starts_at - interval '2 days' FROM bench_previous;

CREATE TEMP TABLE bench_action AS
SELECT gen_random_uuid() AS id, gen_random_uuid() AS accountability_id, n, m.id AS owner_id,
    (ARRAY['pending', 'acknowledged', 'acknowledged', 'completed', 'completed'])[1 + n % 5] AS state
FROM generate_series(1, 20) AS n
JOIN LATERAL (SELECT id FROM member WHERE org_id = :'org' AND email LIKE 'csm%' ORDER BY email OFFSET n LIMIT 1) m ON true;
INSERT INTO accountability (org_id, id, assignee_id, assigned_by, subject_type, subject_id, company_id, due_date, state, created_at)
SELECT :'org', a.accountability_id, a.owner_id, :'owner', 'meeting_action', a.id, b.company_id, (p.starts_at AT TIME ZONE 'Asia/Tokyo')::date + 7 * (1 + a.n % 4),
    a.state, p.starts_at + interval '50 minutes'
FROM bench_action a, bench_previous p, meeting_body b WHERE b.org_id = :'org' AND b.id = :'body';
INSERT INTO meeting_action (org_id, id, meeting_id, title, owner_id, due_date, accountability_id, created_by)
SELECT :'org', a.id, p.id, 'アクション ' || a.n, a.owner_id, (p.starts_at AT TIME ZONE 'Asia/Tokyo')::date + 7 * (1 + a.n % 4),
    a.accountability_id, :'owner'
FROM bench_action a, bench_previous p;
ANALYZE meeting, meeting_action, accountability;
