-- One word for one idea: the copies of one story across outlets are a cluster everywhere, in
-- the tables, the JSON and these views (analyst_stories was the only "story" in the schema).

DROP VIEW analyst_stories;
DROP VIEW analyst_articles;

CREATE VIEW analyst_articles AS
SELECT a.id AS article_id, a.source_id AS source, s.name AS source_name, a.url,
       a.canonical_url, a.title, a.byline, a.published_at, a.fetched_at, a.language,
       a.text, a.content_hash, a.cluster_id,
       c.article_count AS cluster_articles, cardinality(c.source_ids) AS cluster_outlets
FROM articles a
JOIN sources s ON s.id = a.source_id
JOIN clusters c ON c.id = a.cluster_id;

-- One row per cluster (one story): its first article, how many outlets carried it, and when.
CREATE VIEW analyst_clusters AS
SELECT c.id AS cluster_id, first.title, first.canonical_url AS first_url,
       first.source_id AS first_source, c.article_count AS articles, c.source_ids AS sources,
       c.first_published_at, c.last_published_at, c.created_at AS first_seen_at
FROM clusters c
JOIN articles first ON first.id = c.first_article_id;
