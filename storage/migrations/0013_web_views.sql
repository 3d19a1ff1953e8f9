-- What `rasad web` shows beyond the first views: topics, the emails that carried each match
-- (one row per recipient), and the health columns `rasad sources` shows. The web reads only
-- views, so it works under the read-only analyst role as well as the owner's.

-- Every topic as the daemons synced it from the topics file, with its match count.
CREATE VIEW analyst_topics AS
SELECT t.id AS topic, t.name, t.query, t.mode, t.recipients, t.created_at, t.enabled,
       (SELECT count(*) FROM topic_matches m WHERE m.topic_id = t.id) AS matches,
       (SELECT max(m.matched_at) FROM topic_matches m WHERE m.topic_id = t.id) AS last_matched_at
FROM topics t;

-- One row per match and email: to whom it went (or is owed), as an alert or a digest, and how
-- its delivery stands (pending, sending, retry, sent, failed).
CREATE VIEW analyst_deliveries AS
SELECT om.match_id, o.id AS email_id, o.topic_id AS topic, o.recipient, o.kind, o.status,
       o.attempts, o.due_at, o.sent_at, o.last_error
FROM outbox_matches om
JOIN outbox o ON o.id = om.outbox_id;

-- The source health view, with the columns it lacked at the end (CREATE OR REPLACE may only
-- add columns there): when the last error came, the outlet's last refusal, and why pages of
-- the last crawl were skipped.
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
       round(q.week_bylined::numeric / nullif(q.week_articles, 0), 3) AS byline_share_7d,
       s.last_error_at, s.refused_at, s.last_skip_reasons
FROM sources s
LEFT JOIN source_quality q ON q.source_id = s.id;
