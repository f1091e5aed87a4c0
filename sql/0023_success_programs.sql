-- Success programs (seed 002's GPO, issue 15): templates, enrolments with the months and budget copied from their
-- template, sessions and the hours they log, the goal sheet with its three-party agreement and the links the client's
-- two parties agree through, each CSM's monthly capacity, and the reminders already sent.

CREATE TABLE program_template (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    months integer NOT NULL CHECK (months BETWEEN 1 AND 12),
    monthly_budget_minutes integer NOT NULL CHECK (monthly_budget_minutes BETWEEN 15 AND 2400 AND monthly_budget_minutes % 15 = 0),
    -- [{"kind", "month", "title"}]: read and written whole with the template.
    sessions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(sessions) = 'array' AND jsonb_array_length(sessions) <= 100),
    -- Enrolments keep pointing at a template, so it is archived rather than deleted.
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX program_template_name_idx ON program_template (org_id, lower(btrim(name))) WHERE archived_at IS NULL;

CREATE TABLE enrolment (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    customer_id uuid NOT NULL,
    template_id uuid NOT NULL,
    start_date date NOT NULL,
    -- Copied from the template at enrolment: editing a template never changes a program already agreed.
    months integer NOT NULL CHECK (months BETWEEN 1 AND 12),
    monthly_budget_minutes integer NOT NULL CHECK (monthly_budget_minutes BETWEEN 15 AND 2400),
    csm_id uuid NOT NULL,
    participant_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(participant_ids) <= 100),
    state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'completed', 'cancelled')),
    presentation jsonb CHECK (presentation IS NULL OR jsonb_typeof(presentation) = 'object'),
    result jsonb CHECK (result IS NULL OR jsonb_typeof(result) = 'object'),
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, template_id) REFERENCES program_template (org_id, id),
    FOREIGN KEY (org_id, csm_id) REFERENCES member (org_id, id),
    CHECK ((state = 'completed') = (result IS NOT NULL))
);
-- A customer runs one program at a time.
CREATE UNIQUE INDEX enrolment_active_idx ON enrolment (org_id, customer_id) WHERE state = 'active';
CREATE INDEX enrolment_customer_idx ON enrolment (org_id, customer_id, id);
CREATE INDEX enrolment_csm_idx ON enrolment (org_id, csm_id, state);
CREATE INDEX enrolment_state_idx ON enrolment (org_id, state, id);

CREATE TABLE program_session (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    enrolment_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('goal_setting', 'pair_support', 'presentation', 'other')),
    planned_on date,
    held_on date,
    duration_minutes integer CHECK (duration_minutes BETWEEN 1 AND 720),
    participant_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(participant_ids) <= 100),
    notes text CHECK (length(notes) <= 10000),
    supported_contact_id uuid,
    practised text CHECK (length(practised) <= 1000),
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, enrolment_id) REFERENCES enrolment (org_id, id),
    FOREIGN KEY (org_id, supported_contact_id) REFERENCES contact (org_id, id),
    CHECK (planned_on IS NOT NULL OR held_on IS NOT NULL),
    CHECK ((held_on IS NULL) = (duration_minutes IS NULL))
);
CREATE INDEX program_session_enrolment_idx ON program_session (org_id, enrolment_id, held_on);
-- A CSM's hours in a calendar month (capacity, the programs report).
CREATE INDEX program_session_held_idx ON program_session (org_id, held_on) WHERE held_on IS NOT NULL;

CREATE TABLE goal_sheet (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    enrolment_id uuid NOT NULL,
    -- The content's version: every edit bumps it, and only agreements to the current one count.
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
    kpi_actual double precision,
    usage_actual double precision,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, enrolment_id),
    FOREIGN KEY (org_id, enrolment_id) REFERENCES enrolment (org_id, id)
);

-- Never removed: after an edit the earlier agreements stay as history.
CREATE TABLE goal_sheet_agreement (
    org_id uuid NOT NULL,
    goal_sheet_id uuid NOT NULL,
    party text NOT NULL CHECK (party IN ('csm', 'client_owner', 'decision_maker')),
    sheet_version integer NOT NULL,
    member_id uuid,
    contact_id uuid,
    agreed_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, goal_sheet_id, party, sheet_version),
    FOREIGN KEY (org_id, goal_sheet_id) REFERENCES goal_sheet (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id),
    CHECK ((party = 'csm') = (member_id IS NOT NULL) AND (party = 'csm') = (contact_id IS NULL))
);

-- A client party's link to agree without signing in: only the token's SHA-256 is kept; single use, 14 days.
CREATE TABLE goal_sheet_link (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    enrolment_id uuid NOT NULL,
    party text NOT NULL CHECK (party IN ('client_owner', 'decision_maker')),
    contact_id uuid NOT NULL,
    sheet_version integer NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    created_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, enrolment_id) REFERENCES enrolment (org_id, id),
    FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id),
    FOREIGN KEY (org_id, created_by) REFERENCES member (org_id, id)
);
CREATE INDEX goal_sheet_link_enrolment_idx ON goal_sheet_link (org_id, enrolment_id);

CREATE TABLE csm_capacity (
    org_id uuid NOT NULL,
    member_id uuid NOT NULL,
    monthly_minutes integer NOT NULL CHECK (monthly_minutes BETWEEN 0 AND 44640),
    set_by uuid NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, member_id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, set_by) REFERENCES member (org_id, id)
);

-- What has been sent once already: the scheduler's reminders (ProgramReminders.Reminder.key) and the manager's
-- over-budget flag per program month ("over_budget:<month>").
CREATE TABLE program_reminder_sent (
    org_id uuid NOT NULL,
    enrolment_id uuid NOT NULL,
    reminder_key text NOT NULL CHECK (length(reminder_key) BETWEEN 1 AND 200),
    sent_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, enrolment_id, reminder_key),
    FOREIGN KEY (org_id, enrolment_id) REFERENCES enrolment (org_id, id)
);

SELECT banso_protect_tenant_table(t) FROM unnest(ARRAY['program_template', 'enrolment', 'program_session', 'goal_sheet',
    'goal_sheet_agreement', 'goal_sheet_link', 'csm_capacity', 'program_reminder_sent']::regclass[]) AS t;
GRANT SELECT, INSERT, UPDATE ON program_template, enrolment, program_session, goal_sheet, goal_sheet_link, csm_capacity
    TO banso_app;
GRANT SELECT, INSERT ON goal_sheet_agreement, program_reminder_sent TO banso_app;
GRANT DELETE ON program_session TO banso_app;
