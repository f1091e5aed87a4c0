-- Check-ups (定期検診) and NPS survey campaigns mailed to customer contacts, each through its own expiring link; the
-- contacts' opt-outs (特定電子メール法) and bounced addresses (issue 15).

CREATE TABLE check_up_template (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    -- The domain counts characters as people see them (1–120); PostgreSQL counts code points, so the table only bounds
    -- what the domain could let through (a name of combining marks).
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 1200),
    -- [CheckUpQuestion] as JSON: read and written whole, with the template.
    questions jsonb NOT NULL CHECK (jsonb_typeof(questions) = 'array' AND jsonb_array_length(questions) BETWEEN 1 AND 30),
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX check_up_template_name_idx ON check_up_template (org_id, name, id);

-- One row per org that changed the defaults (CheckUpSettings: 30 %, 7 days, 21 days); no row means the defaults.
CREATE TABLE check_up_settings (
    org_id uuid NOT NULL REFERENCES org (id),
    response_rate_threshold_percent integer NOT NULL DEFAULT 30 CHECK (response_rate_threshold_percent BETWEEN 1 AND 100),
    reminder_after_days integer NOT NULL DEFAULT 7 CHECK (reminder_after_days BETWEEN 1 AND 60),
    link_valid_days integer NOT NULL DEFAULT 21 CHECK (link_valid_days BETWEEN 1 AND 60),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id),
    CHECK (reminder_after_days < link_valid_days)
);

-- A team's monthly check-up: off until the team turns it on.
CREATE TABLE check_up_plan (
    org_id uuid NOT NULL,
    team_id uuid NOT NULL,
    enabled boolean NOT NULL DEFAULT false,
    template_id uuid,
    -- Only the team's customers of this segment; NULL: all of them.
    segment text CHECK (length(segment) BETWEEN 1 AND 100),
    day_of_month integer NOT NULL DEFAULT 1 CHECK (day_of_month BETWEEN 1 AND 28),
    cadence text NOT NULL DEFAULT 'monthly' CHECK (cadence IN ('monthly')),
    recipients text NOT NULL DEFAULT 'decision_maker_first' CHECK (recipients IN ('decision_maker_first', 'all_contacts')),
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, team_id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, template_id) REFERENCES check_up_template (org_id, id),
    CHECK (NOT enabled OR template_id IS NOT NULL)
);
CREATE INDEX check_up_plan_enabled_idx ON check_up_plan (org_id) WHERE enabled;

CREATE TABLE nps_campaign (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    -- Bounded loosely, as check_up_template.name: the domain's limits (120, 500) count characters as people see them.
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 1200),
    question_ja text NOT NULL CHECK (length(btrim(question_ja)) BETWEEN 1 AND 5000),
    question_en text NOT NULL CHECK (length(btrim(question_en)) BETWEEN 1 AND 5000),
    company_id uuid,
    team_id uuid,
    segment text CHECK (length(segment) BETWEEN 1 AND 100),
    recipients text NOT NULL DEFAULT 'decision_maker_first' CHECK (recipients IN ('decision_maker_first', 'all_contacts')),
    state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sent')),
    sent_at timestamptz,
    sent_count integer NOT NULL DEFAULT 0,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id),
    FOREIGN KEY (org_id, created_by) REFERENCES member (org_id, id),
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);

-- One questionnaire mailed to one contact. The CSM and company are those at sending, so a later reassignment does not
-- rewrite past response rates. Only the links' SHA-256 are kept: the mailed one, and the reminder's.
CREATE TABLE survey_send (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('check_up', 'nps')),
    plan_team_id uuid,
    campaign_id uuid,
    template_id uuid,
    customer_id uuid NOT NULL,
    contact_id uuid NOT NULL,
    csm_id uuid,
    company_id uuid NOT NULL,
    -- The calendar month of sent_at in the org's zone (its first day): the month the send counts in.
    month date NOT NULL CHECK (extract(day FROM month) = 1),
    token_hash bytea NOT NULL UNIQUE,
    reminder_token_hash bytea UNIQUE,
    sent_by uuid,
    sent_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    reminded_at timestamptz,
    answered_at timestamptz,
    answers jsonb CHECK (answers IS NULL OR jsonb_typeof(answers) = 'array'),
    score double precision CHECK (score BETWEEN 0 AND 100),
    nps_response_id uuid,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, campaign_id) REFERENCES nps_campaign (org_id, id),
    FOREIGN KEY (org_id, template_id) REFERENCES check_up_template (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customer (org_id, id),
    FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id),
    FOREIGN KEY (org_id, csm_id) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id),
    FOREIGN KEY (org_id, sent_by) REFERENCES member (org_id, id),
    FOREIGN KEY (org_id, nps_response_id) REFERENCES nps_response (org_id, id),
    CHECK (expires_at > sent_at),
    CHECK ((kind = 'check_up') = (template_id IS NOT NULL)),
    CHECK (kind = 'nps' OR campaign_id IS NULL),
    CHECK (plan_team_id IS NULL OR kind = 'check_up'),
    CHECK ((answered_at IS NULL) = (answers IS NULL))
);
-- The monthly run sends once per plan, customer and month, however many workers or reruns.
CREATE UNIQUE INDEX survey_send_plan_month_idx ON survey_send (org_id, plan_team_id, customer_id, month, contact_id)
    WHERE plan_team_id IS NOT NULL;
CREATE UNIQUE INDEX survey_send_campaign_contact_idx ON survey_send (org_id, campaign_id, contact_id) WHERE campaign_id IS NOT NULL;
-- Response rates by month, and the list's filters.
CREATE INDEX survey_send_month_idx ON survey_send (org_id, kind, month, company_id, csm_id);
CREATE INDEX survey_send_customer_idx ON survey_send (org_id, customer_id, sent_at DESC);
-- The daily run's reminders: open links not yet reminded.
CREATE INDEX survey_send_remind_idx ON survey_send (org_id, sent_at) WHERE answered_at IS NULL AND reminded_at IS NULL;

-- Whether a contact may be mailed: opted out through a mail's link, or the address bounced for good.
CREATE TABLE contact_mail_state (
    org_id uuid NOT NULL,
    contact_id uuid NOT NULL,
    opted_out_at timestamptz,
    bounced_at timestamptz,
    bounce_reason text CHECK (length(bounce_reason) <= 500),
    updated_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, contact_id),
    FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id)
);

-- Every bounce reported, soft ones too (they do not stop sending, but are kept for the record).
CREATE TABLE mail_bounce (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    kind text NOT NULL CHECK (kind IN ('hard', 'soft')),
    reason text CHECK (length(reason) <= 500),
    contacts integer NOT NULL DEFAULT 0,
    recorded_by uuid,
    created_at timestamptz NOT NULL DEFAULT banso_now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, recorded_by) REFERENCES member (org_id, id)
);
-- A hard bounce finds the org's contacts with the address.
CREATE INDEX contact_email_idx ON contact (org_id, lower(email)) WHERE email IS NOT NULL;

SELECT banso_protect_tenant_table(t) FROM unnest(ARRAY['check_up_template', 'check_up_settings', 'check_up_plan', 'nps_campaign',
    'survey_send', 'contact_mail_state', 'mail_bounce']::regclass[]) AS t;
GRANT SELECT, INSERT, UPDATE ON check_up_template, check_up_settings, check_up_plan, nps_campaign, survey_send, contact_mail_state
    TO banso_app;
GRANT SELECT, INSERT ON mail_bounce TO banso_app;
