-- Meeting bodies (会議体) and their occurrences, with agendas generated from data, minutes, decisions, action items,
-- attendance, private notes and calendar feed tokens (issue 14).

CREATE TABLE meeting_body (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    purpose text NOT NULL CHECK (purpose IN ('decide', 'share', 'ideate', 'discuss', 'motivate')),
    objective text NOT NULL CHECK (length(btrim(objective)) BETWEEN 1 AND 1000),
    company_id uuid,
    team_id uuid,
    facilitator_id uuid,
    -- [{"member_id": …} | {"position_id": …}]: positions resolve to their holders on each occurrence's day.
    participants jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(participants) = 'array'),
    -- A Recurrence as JSON (Recurrence+Codable); NULL when occurrences are scheduled one by one.
    cadence jsonb,
    duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    agenda_lead_days integer NOT NULL DEFAULT 2 CHECK (agenda_lead_days BETWEEN 0 AND 10),
    template jsonb NOT NULL,
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id),
    FOREIGN KEY (org_id, facilitator_id) REFERENCES member (org_id, id)
);

CREATE TABLE meeting (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    body_id uuid NOT NULL,
    -- The cadence's local date-time this occurrence stands for; NULL for one scheduled by hand.
    nominal text,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held', 'cancelled')),
    rescheduled boolean NOT NULL DEFAULT false,
    touched boolean NOT NULL DEFAULT false,
    off_cadence boolean NOT NULL DEFAULT false,
    minutes text CHECK (length(minutes) <= 100000),
    agenda_generated_at timestamptz,
    -- The iCalendar SEQUENCE: bumped on every change a subscribed calendar must see.
    sequence integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, body_id) REFERENCES meeting_body (org_id, id),
    CHECK (ends_at > starts_at)
);
-- One live occurrence per cadence date: a re-plan or a second worker cannot plan it twice.
CREATE UNIQUE INDEX meeting_nominal_idx ON meeting (org_id, body_id, nominal) WHERE nominal IS NOT NULL AND state <> 'cancelled';
CREATE INDEX meeting_starts_idx ON meeting (org_id, starts_at);
CREATE INDEX meeting_body_starts_idx ON meeting (org_id, body_id, starts_at);

-- Who takes part in one occurrence (resolved from the body's participants when it is planned, so a member who
-- leaves or is deactivated leaves the future occurrences only), and whether they attended.
CREATE TABLE meeting_participant (
    org_id uuid NOT NULL,
    meeting_id uuid NOT NULL,
    member_id uuid NOT NULL,
    attended boolean,
    PRIMARY KEY (org_id, meeting_id, member_id),
    FOREIGN KEY (org_id, meeting_id) REFERENCES meeting (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id)
);
CREATE INDEX meeting_participant_member_idx ON meeting_participant (org_id, member_id);

CREATE TABLE agenda_item (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    meeting_id uuid NOT NULL,
    section_key text NOT NULL CHECK (length(section_key) BETWEEN 1 AND 40),
    position integer NOT NULL CHECK (position >= 0),
    origin text NOT NULL CHECK (origin IN ('generated', 'manual')),
    touched boolean NOT NULL DEFAULT false,
    subject_type text CHECK (subject_type IN ('goal', 'check_in', 'customer', 'contract', 'ticket', 'accountability',
        'action_item', 'member', 'external')),
    subject_id uuid,
    title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
    -- {"code": …, "values": {…}}: worded in each reader's language.
    reason jsonb,
    -- AgendaVisibility as JSON: who may see the item.
    visibility jsonb NOT NULL,
    fingerprint text,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, meeting_id) REFERENCES meeting (org_id, id) ON DELETE CASCADE,
    CHECK ((subject_type IS NULL) = (subject_id IS NULL))
);
CREATE UNIQUE INDEX agenda_item_fingerprint_idx ON agenda_item (org_id, meeting_id, fingerprint) WHERE fingerprint IS NOT NULL;
CREATE INDEX agenda_item_meeting_idx ON agenda_item (org_id, meeting_id, section_key, position);

CREATE TABLE meeting_decision (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    meeting_id uuid NOT NULL,
    text text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 2000),
    decided_by uuid,
    subject_type text CHECK (subject_type IN ('goal', 'customer', 'contract', 'ticket', 'accountability')),
    subject_id uuid,
    created_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, meeting_id) REFERENCES meeting (org_id, id),
    FOREIGN KEY (org_id, decided_by) REFERENCES member (org_id, id),
    CHECK ((subject_type IS NULL) = (subject_id IS NULL))
);
CREATE INDEX meeting_decision_meeting_idx ON meeting_decision (org_id, meeting_id);

-- An action item is an accountability (subject_type 'meeting_action', subject_id = the action's id); the row keeps
-- where it was decided and what it carried over from.
CREATE TABLE meeting_action (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    meeting_id uuid NOT NULL,
    title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
    owner_id uuid NOT NULL,
    due_date date,
    accountability_id uuid,
    carried_from uuid,
    created_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, meeting_id) REFERENCES meeting (org_id, id),
    FOREIGN KEY (org_id, owner_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, accountability_id) REFERENCES accountability (org_id, id)
);
CREATE INDEX meeting_action_meeting_idx ON meeting_action (org_id, meeting_id);

-- A participant's private notes on an occurrence: readable by that member only. Besides the tenant policy, a
-- restrictive policy admits a row only to the transaction that names its member (banso.member_id, set by the
-- Store for the caller) — not a manager, not an admin, not a transfer, not an export, which run without it.
CREATE TABLE meeting_note (
    org_id uuid NOT NULL,
    meeting_id uuid NOT NULL,
    member_id uuid NOT NULL,
    body text NOT NULL CHECK (length(body) <= 50000),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, meeting_id, member_id),
    FOREIGN KEY (org_id, meeting_id) REFERENCES meeting (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id)
);

CREATE FUNCTION banso_current_member() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('banso.member_id', true), '')::uuid
$$;

-- A secret calendar feed per member or per body: only the token's SHA-256 is kept; rotating revokes the old one.
CREATE TABLE calendar_feed (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    body_id uuid,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    revoked_at timestamptz,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, body_id) REFERENCES meeting_body (org_id, id)
);
CREATE UNIQUE INDEX calendar_feed_live_idx ON calendar_feed (org_id, member_id, coalesce(body_id, '00000000-0000-0000-0000-000000000000'))
    WHERE revoked_at IS NULL;

SELECT banso_protect_tenant_table(t) FROM unnest(ARRAY['meeting_body', 'meeting', 'meeting_participant', 'agenda_item',
    'meeting_decision', 'meeting_action', 'meeting_note', 'calendar_feed']::regclass[]) AS t;
CREATE POLICY own_note ON meeting_note AS RESTRICTIVE
    USING (member_id = banso_current_member()) WITH CHECK (member_id = banso_current_member());
GRANT SELECT, INSERT, UPDATE ON meeting_body, meeting, meeting_participant, agenda_item, meeting_decision, meeting_action,
    meeting_note, calendar_feed TO banso_app;
GRANT DELETE ON meeting_participant, agenda_item, meeting_decision TO banso_app;
