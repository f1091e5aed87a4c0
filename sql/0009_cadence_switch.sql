-- A goal's change of cadence waits for the current period to end (DESIGN §2): until cadence_from the prior cadence
-- is in force, so its period still gets its check-in and the new cadence starts with the next one.
ALTER TABLE goal
    ADD COLUMN prior_cadence text CHECK (prior_cadence IN ('weekly', 'biweekly', 'monthly', 'quarterly')),
    ADD COLUMN cadence_from date,
    ADD CONSTRAINT goal_cadence_switch_whole CHECK ((prior_cadence IS NULL) = (cadence_from IS NULL));
