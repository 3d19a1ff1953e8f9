-- The core: outlets, their feeds, articles, story clusters, and every URL ever seen.

CREATE TABLE sources (
    id                    text PRIMARY KEY,
    name                  text NOT NULL,
    homepage              text NOT NULL,
    interval_minutes      double precision NOT NULL DEFAULT 15,
    enabled               boolean NOT NULL DEFAULT true,
    -- health
    last_attempt_at       timestamptz,
    last_success_at       timestamptz,
    last_error            text,
    last_error_at         timestamptz,
    consecutive_failures  integer NOT NULL DEFAULT 0,
    refused_at            timestamptz,   -- last 403/429 answer from the outlet
    -- counters of the last finished crawl
    last_fetched          integer NOT NULL DEFAULT 0,
    last_new              integer NOT NULL DEFAULT 0,
    last_duplicates       integer NOT NULL DEFAULT 0,
    last_skipped          integer NOT NULL DEFAULT 0,
    last_failed           integer NOT NULL DEFAULT 0,
    -- the lease that keeps two daemons from crawling one source at once
    lease_owner           text,
    lease_expires_at      timestamptz,
    next_crawl_at         timestamptz
);

CREATE TABLE feeds (
    url              text PRIMARY KEY,
    source_id        text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    etag             text,
    last_modified    text,
    last_status      integer,
    last_fetched_at  timestamptz
);

CREATE TABLE clusters (
    id                  bigserial PRIMARY KEY,
    first_article_id    bigint,
    first_published_at  timestamptz,
    last_published_at   timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
    id             bigserial PRIMARY KEY,
    source_id      text NOT NULL REFERENCES sources (id),
    url            text NOT NULL,
    canonical_url  text NOT NULL UNIQUE,
    title          text NOT NULL,
    byline         text,
    published_at   timestamptz,
    fetched_at     timestamptz NOT NULL DEFAULT now(),
    language       text,
    text           text NOT NULL,
    content_hash   text NOT NULL UNIQUE,
    cluster_id     bigint NOT NULL REFERENCES clusters (id) DEFERRABLE INITIALLY DEFERRED,
    terms          tsvector NOT NULL
);

ALTER TABLE clusters
    ADD CONSTRAINT clusters_first_article_fk FOREIGN KEY (first_article_id)
    REFERENCES articles (id) DEFERRABLE INITIALLY DEFERRED;

CREATE INDEX articles_terms_idx ON articles USING gin (terms);
CREATE INDEX articles_source_published_idx ON articles (source_id, published_at DESC);
CREATE INDEX articles_published_idx ON articles (published_at DESC);
CREATE INDEX articles_cluster_idx ON articles (cluster_id);

-- Every canonical URL Rasad has fetched, and what came of it: the seen-URL filter skips these
-- before download, and a duplicate or non-article page is kept here instead of in articles.
CREATE TABLE seen_urls (
    canonical_url  text PRIMARY KEY,
    source_id      text NOT NULL REFERENCES sources (id),
    url            text NOT NULL,
    outcome        text NOT NULL CHECK (outcome IN ('article', 'duplicate', 'skipped')),
    article_id     bigint REFERENCES articles (id),
    reason         text,
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    checked_at     timestamptz NOT NULL DEFAULT now()  -- last download of a skipped page
);
CREATE INDEX seen_urls_article_idx ON seen_urls (article_id);
