-- Webhook URLs and signing secrets and org relays' SMTP URLs are stored sealed with the deployment's key
-- (AES-256-GCM, `enc:v1:<key id>:<base64>`); values from before stay readable until `banso secrets rotate`.
-- The shape checks move to the application, which sees the plaintext; the columns keep a bound on size.
ALTER TABLE webhook_endpoint DROP CONSTRAINT webhook_endpoint_url_check;
ALTER TABLE webhook_endpoint ADD CONSTRAINT webhook_endpoint_url_check
    CHECK ((url ~ '^https?://' OR url LIKE 'enc:v1:%') AND length(url) <= 4000);
ALTER TABLE org_mail_relay DROP CONSTRAINT org_mail_relay_smtp_url_check;
ALTER TABLE org_mail_relay ADD CONSTRAINT org_mail_relay_smtp_url_check
    CHECK ((smtp_url ~ '^smtps?://' OR smtp_url LIKE 'enc:v1:%') AND length(smtp_url) <= 4000);
