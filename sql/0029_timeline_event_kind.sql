-- What Banso itself records on a customer's timeline — a program started or ended, success reached or lost, a
-- contact opting out, a merge — is an `event`, no longer a `note`: notes are what people write, and a timeline
-- filtered to notes showed Banso's entries among them. Entries already written that way move over where their
-- subject tells them apart (success reached or lost carried none until now, so those stay notes).
ALTER TABLE timeline_entry DROP CONSTRAINT timeline_entry_kind_check;
ALTER TABLE timeline_entry ADD CONSTRAINT timeline_entry_kind_check CHECK (kind IN ('meeting', 'call', 'email', 'note',
    'pair_support', 'presentation', 'ticket_event', 'phase_change', 'health_change', 'nps', 'renewal', 'owner_change',
    'event'));
-- Every org's rows: the table's row security admits only declared system work (this transaction only).
SELECT set_config('banso.system', 'on', true);
UPDATE timeline_entry SET kind = 'event'
WHERE kind = 'note' AND subject_type IN ('enrolment', 'contact', 'customer');
