-- A generated agenda item someone took off the agenda stays as a tombstone, so a regenerate does not put it back
-- while the data still calls for it (issue 14).
ALTER TABLE agenda_item ADD COLUMN dismissed boolean NOT NULL DEFAULT false;
