-- Hostile outlets: pages that could not be stored are remembered and retried with backoff,
-- long texts are kept truncated with a flag, and robots.txt is cached per origin.

-- A page that failed (too big, not HTML, unreadable, refused by the database) is a seen URL
-- too: the seen-URL filter skips it until retry_at, and each new failure doubles the wait.
ALTER TABLE seen_urls DROP CONSTRAINT seen_urls_outcome_check;
ALTER TABLE seen_urls
    ADD CONSTRAINT seen_urls_outcome_check
        CHECK (outcome IN ('article', 'duplicate', 'skipped', 'failed')),
    ADD COLUMN failures  integer NOT NULL DEFAULT 0,
    ADD COLUMN retry_at  timestamptz;

-- The stored text was cut at the text limit; the rest of the page's text was not kept.
ALTER TABLE articles ADD COLUMN text_truncated boolean NOT NULL DEFAULT false;

-- robots.txt per origin (scheme://host:port), as RFC 9309 lets a crawler cache it: rules
-- ('rules', with the body), no file ('allow', a 4xx), or unreachable ('unreachable', a 5xx
-- or a network error: everything disallowed until it expires, which is soon).
CREATE TABLE robots_txt (
    origin      text PRIMARY KEY,
    policy      text NOT NULL CHECK (policy IN ('rules', 'allow', 'unreachable')),
    body        bytea NOT NULL DEFAULT '',
    status      integer,
    fetched_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
