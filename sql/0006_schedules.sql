-- Recurring schedules, evaluated in their org's time zone and business calendar, and the permanent ledger of
-- their fires: one row per (schedule, nominal local time), written in the same transaction as the job, so an
-- occurrence is enqueued exactly once however many tickers run and however long jobs are kept (DESIGN §5).
CREATE TABLE schedule (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    job_kind text NOT NULL CHECK (length(job_kind) BETWEEN 1 AND 100),
    queue text NOT NULL DEFAULT 'default',
    payload jsonb NOT NULL DEFAULT '{}',
    recurrence jsonb NOT NULL,
    misfire text NOT NULL DEFAULT 'fire_once' CHECK (misfire IN ('fire_once', 'fire_all', 'skip')),
    max_lateness_seconds double precision NOT NULL DEFAULT 259200 CHECK (max_lateness_seconds >= 0),
    active boolean NOT NULL DEFAULT true,
    -- The instant of the next occurrence, kept so the ticker finds due schedules with an index.
    next_fire_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, name)
);
CREATE INDEX schedule_due_idx ON schedule (next_fire_at) WHERE active;

CREATE TABLE schedule_fire (
    org_id uuid NOT NULL,
    schedule_id uuid NOT NULL,
    nominal text NOT NULL,
    occurred_at timestamptz NOT NULL,
    handled_at timestamptz NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('fired', 'missed')),
    lateness_seconds double precision NOT NULL,
    job_id uuid,
    PRIMARY KEY (org_id, schedule_id, nominal),
    FOREIGN KEY (org_id, schedule_id) REFERENCES schedule (org_id, id) ON DELETE CASCADE
);

SELECT banso_protect_tenant_table('schedule');
SELECT banso_protect_tenant_table('schedule_fire');
GRANT SELECT, INSERT, UPDATE, DELETE ON schedule TO banso_app;
-- The ledger is append-only for the application.
GRANT SELECT, INSERT ON schedule_fire TO banso_app;

-- Each reminder of a check-in goes out once: (check-in, kind) is written when it is sent (or found too late).
CREATE TABLE reminder_sent (
    org_id uuid NOT NULL,
    check_in_id uuid NOT NULL,
    kind text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('sent', 'skipped', 'missed')),
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, check_in_id, kind),
    FOREIGN KEY (org_id, check_in_id) REFERENCES check_in (org_id, id)
);
SELECT banso_protect_tenant_table('reminder_sent');
GRANT SELECT, INSERT ON reminder_sent TO banso_app;
