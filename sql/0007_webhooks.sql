-- Outbound webhooks per org: endpoints subscribed to event types, and the log of every delivery attempt.
CREATE TABLE webhook_endpoint (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
    description text,
    event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
    format text NOT NULL DEFAULT 'json' CHECK (format IN ('json', 'slack', 'teams')),
    locale text NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en')),
    -- The HMAC key; it must be kept to sign, and is shown to the org once, at creation.
    secret text NOT NULL,
    active boolean NOT NULL DEFAULT true,
    consecutive_failures integer NOT NULL DEFAULT 0,
    disabled_at timestamptz,
    disabled_reason text,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE webhook_delivery (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    endpoint_id uuid NOT NULL,
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    attempt integer NOT NULL,
    succeeded boolean NOT NULL,
    status_code integer,
    error text,
    duration_ms double precision NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, endpoint_id) REFERENCES webhook_endpoint (org_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_delivery_endpoint_idx ON webhook_delivery (org_id, endpoint_id, id DESC);

SELECT banso_protect_tenant_table('webhook_endpoint');
SELECT banso_protect_tenant_table('webhook_delivery');
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoint TO banso_app;
GRANT SELECT, INSERT ON webhook_delivery TO banso_app;
