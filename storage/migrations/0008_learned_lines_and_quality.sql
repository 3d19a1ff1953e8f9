-- Boilerplate learned per source, and each source's extraction-quality signals.

-- The fingerprints of the lines of each source's latest articles (rasad.crawler.learned): a
-- line found in enough of them is the outlet's boilerplate. One row per article, pruned to the
-- source's last articles as each new one is stored, so the table stays a few hundred rows a
-- source whatever the archive's size.
CREATE TABLE article_line_keys (
    article_id  bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    source_id   text NOT NULL REFERENCES sources (id),
    line_keys   bigint[] NOT NULL
);
CREATE INDEX article_line_keys_source_idx ON article_line_keys (source_id, article_id DESC);

-- Words of each article's text, counted by the server as the row is written: the quality
-- signals take medians over days of articles without reading their texts.
ALTER TABLE articles ADD COLUMN words integer GENERATED ALWAYS AS (regexp_count(text, '\S+')) STORED;
CREATE INDEX articles_fetched_idx ON articles (fetched_at);
CREATE INDEX seen_urls_skipped_idx ON seen_urls (first_seen_at) WHERE outcome = 'skipped';

-- Per source, over the last 24 hours and over the 7 days before them: pages read, pages
-- skipped as no article, articles stored, their median length in words, how many had a date
-- and a byline. Written by the health job (rasad.scheduler.jobs.check_health).
CREATE TABLE source_quality (
    source_id          text PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
    computed_at        timestamptz NOT NULL,
    day_skipped        integer NOT NULL,
    day_articles       integer NOT NULL,
    day_median_words   integer,
    day_dated          integer NOT NULL,
    day_bylined        integer NOT NULL,
    week_skipped       integer NOT NULL,
    week_articles      integer NOT NULL,
    week_median_words  integer,
    week_dated         integer NOT NULL,
    week_bylined       integer NOT NULL
);

-- Why a source is flagged: 'quality' flags are cleared when the signals recover, the others
-- (failures, silence) when a crawl stores something new again.
ALTER TABLE sources ADD COLUMN flag_kind text;

-- The source-health view gains the quality signals, at the end (the columns before keep
-- their names and order).
CREATE OR REPLACE VIEW analyst_source_health AS
SELECT s.id AS source, s.name, s.enabled, s.interval_minutes, s.last_attempt_at,
       s.last_success_at, s.last_new_at, s.consecutive_failures, s.last_error,
       s.flagged_at, s.flag_reason, s.last_fetched, s.last_new, s.last_duplicates,
       s.last_skipped, s.last_failed,
       (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles,
       (SELECT count(*) FROM articles a WHERE a.source_id = s.id
          AND a.fetched_at > now() - interval '24 hours') AS articles_24h,
       q.computed_at AS quality_computed_at,
       q.day_articles + q.day_skipped AS pages_24h,
       round(q.day_skipped::numeric / nullif(q.day_articles + q.day_skipped, 0), 3)
           AS skipped_share_24h,
       q.day_median_words AS median_words_24h,
       round(q.day_dated::numeric / nullif(q.day_articles, 0), 3) AS dated_share_24h,
       round(q.day_bylined::numeric / nullif(q.day_articles, 0), 3) AS byline_share_24h,
       q.week_articles + q.week_skipped AS pages_7d,
       round(q.week_skipped::numeric / nullif(q.week_articles + q.week_skipped, 0), 3)
           AS skipped_share_7d,
       q.week_median_words AS median_words_7d,
       round(q.week_dated::numeric / nullif(q.week_articles, 0), 3) AS dated_share_7d,
       round(q.week_bylined::numeric / nullif(q.week_articles, 0), 3) AS byline_share_7d
FROM sources s
LEFT JOIN source_quality q ON q.source_id = s.id;
