-- Check-up and NPS survey mail (issue 15) carries a contact's single-use answer link: a kind of its own, whose body
-- the outbox forgets once sent, as it does an invitation's — but which, unlike those, goes through the org's own
-- relay and sender, since the customer must recognise who is asking.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
    CHECK (kind IN ('notification', 'invitation', 'password_reset', 'relay_test', 'survey'));
-- Where the recipient unsubscribes (RFC 2369 List-Unsubscribe): survey mail's /u/ link, forgotten with the body.
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe text CHECK (length(list_unsubscribe) <= 2000);
