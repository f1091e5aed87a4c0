-- KPIs bind to behaviour metrics as well as outcomes (issue 15, seed 000: the KGI is the health score, the KPIs are
-- the behaviours that keep it from falling): program sessions held, touches, process steps completed.
ALTER TABLE goal DROP CONSTRAINT goal_bound_metric_check;
ALTER TABLE goal ADD CONSTRAINT goal_bound_metric_check CHECK (bound_metric IN ('grr', 'nrr', 'nps', 'health_ab_share',
    'program_sessions_held', 'touches', 'process_steps_done'));
-- Steps completed in a period, for the count (sessions and touches have their day indexes already).
CREATE INDEX customer_process_step_completed_idx ON customer_process_step (org_id, completed_on);
