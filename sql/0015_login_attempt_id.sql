-- Sign-in attempts are counted before the password is checked, under a lock per key, so parallel guesses cannot
-- pass the limit together; a successful attempt then removes its own rows, which needs their ids.
ALTER TABLE login_attempt ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
