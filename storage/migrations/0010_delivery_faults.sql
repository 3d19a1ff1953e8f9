-- Why an email's last try failed, and whose problem that is.
--   recipient  the server refused this address or this message: uses up the email's attempts
--   bug        the email could not be prepared (a fault in Rasad): uses them up too
--   server     the SMTP server is down, or refuses TLS, the login or the sender
--   outbox     the .eml folder cannot be written
--   size       the server refused the message as too large
-- The last three are the operator's to fix: the email waits and is tried again, with backoff,
-- without using up its attempts (operator_failures counts those tries instead).
ALTER TABLE outbox
    ADD COLUMN failure_kind text
        CHECK (failure_kind IN ('recipient', 'bug', 'server', 'outbox', 'size')),
    ADD COLUMN operator_failures integer NOT NULL DEFAULT 0;

CREATE INDEX outbox_failed_idx ON outbox (id) WHERE status = 'failed';
