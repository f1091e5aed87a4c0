-- Invitations can be revoked before they are accepted; a team's pending invitations go with the team.

ALTER TABLE invitation ADD COLUMN revoked_at timestamptz;
ALTER TABLE invitation ADD COLUMN revoked_by uuid;
ALTER TABLE invitation ADD CONSTRAINT invitation_accepted_or_revoked
    CHECK (accepted_at IS NULL OR revoked_at IS NULL);

-- 0002 made the team reference plain, so deleting a team with an invitation on it failed; it now cascades, like
-- the team's memberships (the audit log keeps the invitation's history).
ALTER TABLE invitation DROP CONSTRAINT invitation_org_id_team_id_fkey;
ALTER TABLE invitation ADD CONSTRAINT invitation_org_id_team_id_fkey
    FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id) ON DELETE CASCADE;

-- Pending invitations are what the API lists; resets and sessions are looked up by member.
CREATE INDEX invitation_pending_idx ON invitation (org_id, id) WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX password_reset_member_idx ON password_reset (org_id, member_id);
CREATE INDEX auth_session_member_idx ON auth_session (org_id, member_id) WHERE revoked_at IS NULL;
