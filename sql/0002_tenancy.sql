-- Tenancy: organisations, companies, teams, members, grants, sign-in, tokens, invitations, password resets, and
-- the audit log — with row-level security on every table that carries an org_id (DESIGN §4).

-- The role the server works as. It owns no table, so row-level security applies to it; a connection made as a
-- superuser or the owner switches to it (SET ROLE), since those bypass RLS.
-- Roles belong to the whole cluster, not the database: two databases migrating at once (tests, several
-- deployments on one server) race here, so both steps tolerate the other having won.
DO $$
BEGIN
    BEGIN
        CREATE ROLE banso_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
    END;
    BEGIN
        EXECUTE format('GRANT banso_app TO %I', current_user);
    EXCEPTION WHEN duplicate_object OR unique_violation OR object_in_use THEN
        NULL;
    END;
END
$$;
GRANT USAGE ON SCHEMA public TO banso_app;
GRANT SELECT ON schema_migrations TO banso_app;

CREATE TABLE org (
    id uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    time_zone text NOT NULL DEFAULT 'Asia/Tokyo',
    fiscal_year_start_month smallint NOT NULL DEFAULT 4 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    locale text NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
);

CREATE TABLE company (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, name)
);

CREATE TABLE team (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    company_id uuid NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, company_id, name),
    FOREIGN KEY (org_id, company_id) REFERENCES company (org_id, id)
);
CREATE INDEX team_company_idx ON team (org_id, company_id);

CREATE TABLE member (
    org_id uuid NOT NULL REFERENCES org (id),
    id uuid NOT NULL,
    email citext NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
    locale text CHECK (locale IN ('ja', 'en')),
    time_zone text,
    active boolean NOT NULL DEFAULT true,
    password_hash text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, email)
);

CREATE TABLE team_membership (
    org_id uuid NOT NULL,
    team_id uuid NOT NULL,
    member_id uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, team_id, member_id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id)
);
CREATE INDEX team_membership_member_idx ON team_membership (org_id, member_id);

CREATE TABLE role_grant (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'csm', 'ops', 'support', 'viewer')),
    scope_type text NOT NULL CHECK (scope_type IN ('org', 'company', 'team')),
    scope_id uuid,
    granted_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id),
    CHECK ((scope_type = 'org') = (scope_id IS NULL))
);
CREATE UNIQUE INDEX role_grant_unique_idx
    ON role_grant (org_id, member_id, role, scope_type, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX role_grant_member_idx ON role_grant (org_id, member_id);

-- Sessions and API tokens are stored as SHA-256 of the random token only.
CREATE TABLE auth_session (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id)
);

CREATE TABLE api_token (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    token_hash bytea NOT NULL UNIQUE,
    scopes text[] NOT NULL CHECK (scopes <@ ARRAY['read', 'write', 'admin'] AND cardinality(scopes) > 0),
    created_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    last_used_at timestamptz,
    revoked_at timestamptz,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id)
);
CREATE INDEX api_token_member_idx ON api_token (org_id, member_id);

CREATE TABLE invitation (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    email citext NOT NULL,
    display_name text,
    team_id uuid,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'csm', 'ops', 'support', 'viewer')),
    token_hash bytea NOT NULL UNIQUE,
    invited_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_member_id uuid,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id)
);

CREATE TABLE password_reset (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    member_id uuid NOT NULL,
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, member_id) REFERENCES member (org_id, id)
);

-- Who did what to which resource, when, from which token; before/after for updates. Append-only: the app role
-- may insert and read, never update or delete.
CREATE TABLE audit_event (
    org_id uuid NOT NULL,
    id uuid NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id uuid,
    token_id uuid,
    action text NOT NULL,
    resource_type text NOT NULL,
    resource_id uuid,
    before jsonb,
    after jsonb,
    request_id text,
    PRIMARY KEY (org_id, id)
);
CREATE INDEX audit_event_resource_idx ON audit_event (org_id, resource_type, resource_id, id);
CREATE INDEX audit_event_actor_idx ON audit_event (org_id, actor_id, id);

-- A create with an Idempotency-Key answers the same way when repeated.
CREATE TABLE idempotency_key (
    org_id uuid NOT NULL,
    member_id uuid NOT NULL,
    key text NOT NULL,
    request_hash bytea NOT NULL,
    status integer NOT NULL,
    body bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, member_id, key)
);

-- Failed sign-ins, counted per account and per address for rate limiting. Not tenant data: the org is not yet
-- known when an attempt is counted.
CREATE TABLE login_attempt (
    key text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_key_idx ON login_attempt (key, at);

-- Row-level security: every tenant table admits only the org set for the transaction, or declared system work.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['company', 'team', 'member', 'team_membership', 'role_grant', 'auth_session',
        'api_token', 'invitation', 'password_reset', 'audit_event', 'idempotency_key']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant ON %I USING (org_id = banso_current_org() OR banso_is_system()) '
            'WITH CHECK (org_id = banso_current_org() OR banso_is_system())', t);
    END LOOP;
END
$$;
ALTER TABLE org ENABLE ROW LEVEL SECURITY;
ALTER TABLE org FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON org USING (id = banso_current_org() OR banso_is_system())
    WITH CHECK (id = banso_current_org() OR banso_is_system());

GRANT SELECT, INSERT, UPDATE ON org, company, team, member, role_grant, auth_session, api_token, invitation,
    password_reset, idempotency_key TO banso_app;
GRANT DELETE ON company, team, team_membership, role_grant, idempotency_key TO banso_app;
GRANT SELECT, INSERT ON team_membership TO banso_app;
GRANT SELECT, INSERT ON audit_event TO banso_app;
GRANT SELECT, INSERT, DELETE ON login_attempt TO banso_app;
