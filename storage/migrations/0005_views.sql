-- Read-only views for analysts and researchers querying with SQL (psql, a notebook, a BI
-- tool). They name things as the CLI and the JSON do; the tables underneath may change, the
-- views are the documented interface. Times are timestamptz (shown in the session time zone).

-- Every stored article, with its outlet and its story.
CREATE VIEW analyst_articles AS
SELECT a.id AS article_id, a.source_id AS source, s.name AS source_name, a.url,
       a.canonical_url, a.title, a.byline, a.published_at, a.fetched_at, a.language,
       a.text, a.content_hash, a.cluster_id,
       c.article_count AS story_articles, cardinality(c.source_ids) AS story_outlets
FROM articles a
JOIN sources s ON s.id = a.source_id
JOIN clusters c ON c.id = a.cluster_id;

-- One row per story: its first article, how many outlets carried it, and when.
CREATE VIEW analyst_stories AS
SELECT c.id AS cluster_id, first.title, first.canonical_url AS first_url,
       first.source_id AS first_source, c.article_count AS articles, c.source_ids AS sources,
       c.first_published_at, c.last_published_at, c.created_at AS first_seen_at
FROM clusters c
JOIN articles first ON first.id = c.first_article_id;

-- Every topic match, with the topic, the article, the words that matched, and whether it was
-- emailed (or why not).
CREATE VIEW analyst_matches AS
SELECT m.id AS match_id, m.topic_id AS topic, t.name AS topic_name, m.cluster_id,
       a.id AS article_id, a.source_id AS source, a.title, a.canonical_url, a.published_at,
       m.matched_terms, m.matched_at, m.alert
FROM topic_matches m
JOIN topics t ON t.id = m.topic_id
JOIN articles a ON a.id = m.article_id;

-- Each source's health, as `rasad sources --json` shows it.
CREATE VIEW analyst_source_health AS
SELECT s.id AS source, s.name, s.enabled, s.interval_minutes, s.last_attempt_at,
       s.last_success_at, s.last_new_at, s.consecutive_failures, s.last_error,
       s.flagged_at, s.flag_reason, s.last_fetched, s.last_new, s.last_duplicates,
       s.last_skipped, s.last_failed,
       (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles,
       (SELECT count(*) FROM articles a WHERE a.source_id = s.id
          AND a.fetched_at > now() - interval '24 hours') AS articles_24h
FROM sources s;
