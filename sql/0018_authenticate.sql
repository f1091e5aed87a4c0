-- One statement per authentication (issue 11): a bearer token's hash resolves to its credential, the member's
-- grants, the org's team → company map and fiscal calendar, and the credential's use is recorded (at most once a minute), in a
-- single call outside any transaction. Before, a request spent two transactions and seven statements on this.
--
-- The function declares itself system work for its own duration only (SET banso.system): the tenant policies
-- admit the look-up, which cannot know the org in advance, and nothing the caller runs afterwards inherits it. It
-- returns only what the hash names. p_now is the caller's clock when it is not the wall clock (tests pin time).
CREATE FUNCTION banso_authenticate(p_token_hash bytea, p_session_idle double precision, p_now timestamptz)
RETURNS TABLE (
    kind text, id uuid, org_id uuid, member_id uuid, scopes text[], last_used_at timestamptz,
    grant_roles text[], grant_scope_types text[], grant_scope_ids uuid[], team_ids uuid[], team_company_ids uuid[],
    fiscal_year_start_month integer
)
LANGUAGE plpgsql VOLATILE
SET banso.system = 'on'
SET search_path = public, pg_temp
AS $$
DECLARE
    v_now timestamptz := coalesce(p_now, banso_now());
    v_kind text;
    v_id uuid;
    v_org uuid;
    v_member uuid;
    v_scopes text[];
    v_used timestamptz;
BEGIN
    SELECT 'session', s.id, s.org_id, s.member_id, NULL::text[], s.last_used_at
    INTO v_kind, v_id, v_org, v_member, v_scopes, v_used
    FROM auth_session s JOIN member m ON m.org_id = s.org_id AND m.id = s.member_id
    WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL AND s.expires_at > v_now AND m.active
      AND s.last_used_at > v_now - make_interval(secs => p_session_idle);
    IF NOT FOUND THEN
        SELECT 'api_token', t.id, t.org_id, t.member_id, t.scopes, t.last_used_at
        INTO v_kind, v_id, v_org, v_member, v_scopes, v_used
        FROM api_token t JOIN member m ON m.org_id = t.org_id AND m.id = t.member_id
        WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > v_now)
          AND m.active;
        IF NOT FOUND THEN
            RETURN;
        END IF;
    END IF;
    -- A read writes nothing unless a minute has passed since the credential's last recorded use.
    IF v_used IS NULL OR v_used < v_now - interval '1 minute' THEN
        IF v_kind = 'session' THEN
            UPDATE auth_session SET last_used_at = v_now WHERE auth_session.org_id = v_org AND auth_session.id = v_id;
        ELSE
            UPDATE api_token SET last_used_at = v_now WHERE api_token.org_id = v_org AND api_token.id = v_id;
        END IF;
    END IF;
    RETURN QUERY
    SELECT v_kind, v_id, v_org, v_member, v_scopes, v_used,
        coalesce((SELECT array_agg(g.role ORDER BY g.id) FROM role_grant g WHERE g.org_id = v_org AND g.member_id = v_member), '{}'),
        coalesce((SELECT array_agg(g.scope_type ORDER BY g.id) FROM role_grant g WHERE g.org_id = v_org AND g.member_id = v_member), '{}'),
        coalesce((SELECT array_agg(g.scope_id ORDER BY g.id) FROM role_grant g WHERE g.org_id = v_org AND g.member_id = v_member), '{}'),
        coalesce((SELECT array_agg(t.id ORDER BY t.id) FROM team t WHERE t.org_id = v_org), '{}'),
        coalesce((SELECT array_agg(t.company_id ORDER BY t.id) FROM team t WHERE t.org_id = v_org), '{}'),
        (SELECT o.fiscal_year_start_month::integer FROM org o WHERE o.id = v_org);
END
$$;

REVOKE ALL ON FUNCTION banso_authenticate(bytea, double precision, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION banso_authenticate(bytea, double precision, timestamptz) TO banso_app;
