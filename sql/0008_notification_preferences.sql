-- No reminder fatigue (DESIGN §5): what each member wants to hear and when, an org-wide weekly cap on nudges,
-- and, on every notification, what its reader's preferences did with it.
CREATE TABLE notification_preference (
    org_id uuid NOT NULL,
    member_id uuid NOT NULL,
    muted_kinds text[] NOT NULL DEFAULT '{}',
    -- Local times in the member's zone; a start after the end wraps past midnight.
    quiet_start time,
    quiet_end time,
    digest boolean NOT NULL DEFAULT false,
    digest_at time NOT NULL DEFAULT '09:00',
    email boolean NOT NULL DEFAULT true,
    -- The member's local date of their last digest: at most one a day.
    last_digest_on date,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, member_id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id),
    CHECK ((quiet_start IS NULL) = (quiet_end IS NULL) AND (quiet_start IS NULL OR quiet_start <> quiet_end))
);
SELECT banso_protect_tenant_table('notification_preference');
GRANT SELECT, INSERT, UPDATE ON notification_preference TO banso_app;

-- Nudges per member per local week; NULL: no cap.
ALTER TABLE org ADD COLUMN weekly_nudge_cap integer DEFAULT 20 CHECK (weekly_nudge_cap BETWEEN 1 AND 1000);

-- delivered: in the inbox; held: kept back for the next digest (hold_reason says why); digested: released by a
-- digest (then in the inbox too); muted: the reader muted the kind, never shown.
ALTER TABLE notification
    ADD COLUMN urgency text NOT NULL DEFAULT 'info' CHECK (urgency IN ('escalation', 'nudge', 'info')),
    ADD COLUMN state text NOT NULL DEFAULT 'delivered' CHECK (state IN ('delivered', 'held', 'digested', 'muted')),
    ADD COLUMN hold_reason text CHECK (hold_reason IN ('digest', 'quiet_hours', 'weekly_cap')),
    ADD COLUMN delivered_at timestamptz,
    ADD COLUMN digest_id uuid;
UPDATE notification SET delivered_at = created_at;
CREATE INDEX notification_held_idx ON notification (org_id, member_id, id) WHERE state = 'held';
CREATE INDEX notification_nudges_idx ON notification (org_id, member_id, delivered_at) WHERE urgency = 'nudge' AND state = 'delivered';
