-- Schedules an org or a goal's owner makes through the API belong to a subject: the org itself, or one goal.
ALTER TABLE schedule
    ADD COLUMN subject_type text NOT NULL DEFAULT 'org' CHECK (subject_type IN ('org', 'goal')),
    ADD COLUMN subject_id uuid,
    ADD COLUMN created_by uuid,
    ADD CONSTRAINT schedule_subject_whole CHECK ((subject_type = 'org') = (subject_id IS NULL));
CREATE INDEX schedule_subject_idx ON schedule (org_id, subject_type, subject_id);
