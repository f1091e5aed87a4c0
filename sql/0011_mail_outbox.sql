-- E-mail Banso sends, rendered in the reader's language when queued and delivered by `mail.send` jobs: the log of
-- what went to whom, and the body to send until it is sent. Mail carrying a secret link (invitations, resets)
-- loses its body once sent.
CREATE TABLE mail_outbox (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('notification', 'invitation', 'password_reset')),
    to_address text NOT NULL,
    to_name text,
    locale text NOT NULL CHECK (locale IN ('ja', 'en')),
    subject text NOT NULL,
    text_body text,
    html_body text,
    notification_id uuid,
    state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'skipped')),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX mail_outbox_notification_idx ON mail_outbox (org_id, notification_id) WHERE notification_id IS NOT NULL;
SELECT banso_protect_tenant_table('mail_outbox');
GRANT SELECT, INSERT, UPDATE ON mail_outbox TO banso_app;
