-- Sessions also end after an idle time (BANSO_SESSION_IDLE, default 2 h) inside their 12 h: a session left open on
-- a shared machine does not stay usable for the rest of the day. Touched at most once a minute, like API tokens.
ALTER TABLE auth_session ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT banso_now();
