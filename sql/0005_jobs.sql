-- The durable job queue (DESIGN §5). Jobs of an org carry its org_id and are visible to it; claiming across orgs
-- is declared system work. A job's lease (lease_owner, a token per claim, and lease_expires_at) is what lets a
-- rescued job's old worker fail to overwrite the new attempt.
CREATE TABLE job (
    id uuid PRIMARY KEY,
    org_id uuid REFERENCES org (id),
    queue text NOT NULL DEFAULT 'default' CHECK (queue ~ '^[a-z0-9_.-]{1,64}$'),
    kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    payload jsonb NOT NULL DEFAULT '{}',
    -- Lower runs first (0 is normal; negative is urgent).
    priority smallint NOT NULL DEFAULT 0,
    state text NOT NULL DEFAULT 'available'
        CHECK (state IN ('available', 'running', 'retryable', 'completed', 'discarded', 'cancelled')),
    attempt integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 20 CHECK (max_attempts >= 1),
    run_at timestamptz NOT NULL DEFAULT now(),
    unique_key text,
    lease_owner uuid,
    lease_expires_at timestamptz,
    errors jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL DEFAULT now(),
    attempted_at timestamptz,
    finished_at timestamptz,
    CHECK ((state = 'running') = (lease_owner IS NOT NULL))
);
-- A second enqueue with the same key is a no-op for as long as the first job is kept.
CREATE UNIQUE INDEX job_unique_key_idx ON job (unique_key) WHERE unique_key IS NOT NULL;
CREATE INDEX job_claim_idx ON job (queue, priority, run_at, id) WHERE state IN ('available', 'retryable');
CREATE INDEX job_lease_idx ON job (lease_expires_at) WHERE state = 'running';
CREATE INDEX job_finished_idx ON job (finished_at) WHERE state IN ('completed', 'discarded', 'cancelled');
CREATE INDEX job_org_idx ON job (org_id, id);

SELECT banso_protect_tenant_table('job');
GRANT SELECT, INSERT, UPDATE, DELETE ON job TO banso_app;
