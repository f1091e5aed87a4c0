-- Positions and charters, accountabilities, the in-app inbox, goal trees with check-ins and reviews, and work
-- transfers (DESIGN §2) — every table tenant-scoped with row-level security, like 0002.

-- An org's goal rules (SMART mode, check-in days); NULL means the defaults of DESIGN §2.
ALTER TABLE org ADD COLUMN goal_settings jsonb;

-- Days the org does not work on top of weekends and public holidays (年末年始, お盆, company holidays).
CREATE TABLE org_closure (
    org_id uuid NOT NULL REFERENCES org (id),
    day date NOT NULL,
    name text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
    PRIMARY KEY (org_id, day)
);

CREATE TABLE position (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    scope_type text NOT NULL CHECK (scope_type IN ('org', 'company', 'team')),
    scope_id uuid,
    reports_to uuid,
    responsibilities text[] NOT NULL DEFAULT '{}',
    authority text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, reports_to) REFERENCES position (org_id, id),
    CHECK ((scope_type = 'org') = (scope_id IS NULL)),
    CHECK (reports_to IS DISTINCT FROM id)
);
CREATE INDEX position_reports_to_idx ON position (org_id, reports_to);

-- Who holds a position, when. An ended holding is history, never deleted.
CREATE TABLE position_holder (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    position_id uuid NOT NULL,
    member_id uuid NOT NULL,
    is_primary boolean NOT NULL DEFAULT true,
    start_date date NOT NULL,
    end_date date,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, position_id) REFERENCES position (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id),
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX position_holder_position_idx ON position_holder (org_id, position_id);
CREATE INDEX position_holder_member_idx ON position_holder (org_id, member_id);

CREATE TABLE goal (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('kgi', 'ksf', 'kpi')),
    parent_id uuid,
    title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    description text,
    owner_id uuid NOT NULL,
    scope_kind text NOT NULL CHECK (scope_kind IN ('org', 'company', 'team', 'member')),
    company_id uuid,
    team_id uuid,
    period text NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    metric text,
    unit text,
    baseline double precision,
    target double precision,
    direction text NOT NULL DEFAULT 'up' CHECK (direction IN ('up', 'down')),
    due_date date,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'missed', 'archived')),
    cadence text NOT NULL DEFAULT 'monthly' CHECK (cadence IN ('weekly', 'biweekly', 'monthly', 'quarterly')),
    weight double precision NOT NULL DEFAULT 1 CHECK (weight > 0),
    copied_from uuid,
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, parent_id) REFERENCES goal (org_id, id),
    FOREIGN KEY (org_id, owner_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id),
    CHECK (period_end >= period_start),
    CHECK (kind <> 'ksf' OR (target IS NULL AND baseline IS NULL)),
    CHECK (target IS NULL OR unit IS NOT NULL)
);
CREATE INDEX goal_parent_idx ON goal (org_id, parent_id);
CREATE INDEX goal_company_period_idx ON goal (org_id, company_id, period_start);
CREATE INDEX goal_owner_idx ON goal (org_id, owner_id) WHERE status <> 'archived';

-- A KPI (goal) a position owns, as its charter says.
CREATE TABLE position_goal (
    org_id uuid NOT NULL,
    position_id uuid NOT NULL,
    goal_id uuid NOT NULL,
    PRIMARY KEY (org_id, position_id, goal_id),
    FOREIGN KEY (org_id, position_id) REFERENCES position (org_id, id),
    FOREIGN KEY (org_id, goal_id) REFERENCES goal (org_id, id)
);

CREATE TABLE check_in (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    goal_id uuid NOT NULL,
    period text NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'submitted', 'reviewed')),
    actual double precision,
    confidence text CHECK (confidence IN ('on_track', 'at_risk', 'off_track')),
    comment text,
    blockers text,
    opens_on date NOT NULL,
    due_on date NOT NULL,
    review_by date NOT NULL,
    submitted_at timestamptz,
    late boolean NOT NULL DEFAULT false,
    reviewer_id uuid,
    reviewed_at timestamptz,
    review_decision text CHECK (review_decision IN ('accept', 'request_changes')),
    review_comment text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    -- One check-in per goal and period, whoever opens it (the owner, or the scheduler).
    UNIQUE (org_id, goal_id, period),
    FOREIGN KEY (org_id, goal_id) REFERENCES goal (org_id, id),
    FOREIGN KEY (org_id, reviewer_id) REFERENCES member (org_id, id)
);
CREATE INDEX check_in_goal_idx ON check_in (org_id, goal_id, period_start DESC);
CREATE INDEX check_in_reviewer_idx ON check_in (org_id, reviewer_id) WHERE state = 'submitted';
CREATE INDEX check_in_period_idx ON check_in (org_id, period_start);
-- The newest reported check-in of a goal (the tree's "last actual") without stepping over open ones.
CREATE INDEX check_in_reported_idx ON check_in (org_id, goal_id, period_start DESC) WHERE state IN ('submitted', 'reviewed');

-- Every review answer, so "changes requested, then accepted" stays visible.
CREATE TABLE check_in_review (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    check_in_id uuid NOT NULL,
    reviewer_id uuid NOT NULL,
    decision text NOT NULL CHECK (decision IN ('accept', 'request_changes')),
    comment text,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, check_in_id) REFERENCES check_in (org_id, id),
    FOREIGN KEY (org_id, reviewer_id) REFERENCES member (org_id, id)
);
CREATE INDEX check_in_review_check_in_idx ON check_in_review (org_id, check_in_id);

CREATE TABLE accountability (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    assignee_id uuid NOT NULL,
    assigned_by uuid NOT NULL,
    subject_type text NOT NULL CHECK (subject_type IN ('goal', 'customer', 'program', 'meeting_action', 'duty')),
    subject_id uuid,
    duty text,
    company_id uuid,
    team_id uuid,
    due_date date,
    note text,
    state text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'acknowledged', 'declined', 'reassigned', 'completed', 'cancelled')),
    response_reason text,
    responded_at timestamptz,
    replaces uuid,
    replaced_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, assignee_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, assigned_by) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id),
    CHECK ((subject_type = 'duty') = (duty IS NOT NULL)),
    CHECK (subject_type = 'duty' OR subject_id IS NOT NULL)
);
CREATE INDEX accountability_assignee_idx ON accountability (org_id, assignee_id, id);
CREATE INDEX accountability_assigned_by_idx ON accountability (org_id, assigned_by, id);
CREATE INDEX accountability_subject_idx ON accountability (org_id, subject_type, subject_id);

CREATE TABLE notification (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    subject_type text,
    subject_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id)
);
CREATE INDEX notification_member_idx ON notification (org_id, member_id, id DESC);

-- A transfer (人事異動) and what it moved, so the history can say where a goal came from.
CREATE TABLE work_transfer (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    from_member uuid NOT NULL,
    to_member uuid NOT NULL,
    by_member uuid NOT NULL,
    goal_ids uuid[] NOT NULL DEFAULT '{}',
    check_in_ids uuid[] NOT NULL DEFAULT '{}',
    accountability_ids uuid[] NOT NULL DEFAULT '{}',
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, from_member) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, to_member) REFERENCES member (org_id, id)
);

-- Every tenant table gets the same protection: row-level security forced on its owner too, and one policy that
-- admits the transaction's org or declared system work (DESIGN §4). Later migrations call this instead of
-- repeating it.
CREATE FUNCTION banso_protect_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
        'CREATE POLICY tenant ON %s USING (org_id = banso_current_org() OR banso_is_system()) '
        'WITH CHECK (org_id = banso_current_org() OR banso_is_system())', t);
END
$fn$;

SELECT banso_protect_tenant_table(t) FROM unnest(ARRAY['org_closure', 'position', 'position_holder', 'goal', 'position_goal',
    'check_in', 'check_in_review', 'accountability', 'notification', 'work_transfer']::regclass[]) AS t;
GRANT SELECT, INSERT, UPDATE ON org_closure, position, position_holder, goal, position_goal, check_in, check_in_review,
    accountability, notification, work_transfer TO banso_app;
GRANT DELETE ON org_closure, position_goal TO banso_app;
