-- Topics, their matches (one per topic and story cluster), and the emails owed for them.

CREATE TABLE topics (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    query       text NOT NULL,
    mode        text NOT NULL,
    recipients  text[] NOT NULL,
    -- when Rasad first saw the topic: stories published before it are matched, not emailed
    created_at  timestamptz NOT NULL DEFAULT now(),
    enabled     boolean NOT NULL DEFAULT true
);

CREATE TABLE topic_matches (
    id             bigserial PRIMARY KEY,
    topic_id       text NOT NULL REFERENCES topics (id),
    cluster_id     bigint NOT NULL REFERENCES clusters (id),
    article_id     bigint NOT NULL REFERENCES articles (id),
    matched_terms  text[] NOT NULL,
    matched_at     timestamptz NOT NULL DEFAULT now(),
    -- 'emailed' when an outbox row carries it; otherwise why not ('old article', ...)
    alert          text NOT NULL,
    UNIQUE (topic_id, cluster_id)
);
CREATE INDEX topic_matches_article_idx ON topic_matches (article_id);

-- One row per email to send. Matches are attached while the row is pending; the deliverer
-- claims due rows with FOR UPDATE SKIP LOCKED, so two daemons never send one email twice.
CREATE TABLE outbox (
    id               bigserial PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('alert', 'digest', 'operator')),
    topic_id         text REFERENCES topics (id),
    recipient        text NOT NULL,
    subject          text,             -- operator emails carry their own text
    body             text,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'sending', 'retry', 'sent', 'failed')),
    due_at           timestamptz NOT NULL DEFAULT now(),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    claimed_until    timestamptz,
    last_error       text,
    message_id       text NOT NULL UNIQUE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
-- At most one open (pending) email per topic and recipient: new matches join it.
CREATE UNIQUE INDEX outbox_one_pending_idx ON outbox (topic_id, recipient, kind)
    WHERE status = 'pending' AND topic_id IS NOT NULL;
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending', 'retry');

CREATE TABLE outbox_matches (
    outbox_id  bigint NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    match_id   bigint NOT NULL REFERENCES topic_matches (id),
    PRIMARY KEY (outbox_id, match_id)
);
