-- An org may send its mail through its own SMTP relay (its domain, its reputation) instead of the deployment's.
-- The URL holds the relay's credentials: they must be kept to log in, and are never shown back.
CREATE TABLE org_mail_relay (
    org_id uuid PRIMARY KEY REFERENCES org (id),
    smtp_url text NOT NULL CHECK (smtp_url ~ '^smtps?://'),
    from_address text,
    from_name text,
    updated_by uuid,
    updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT banso_protect_tenant_table('org_mail_relay');
GRANT SELECT, INSERT, UPDATE, DELETE ON org_mail_relay TO banso_app;

ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
    CHECK (kind IN ('notification', 'invitation', 'password_reset', 'relay_test'));
