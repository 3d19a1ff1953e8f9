-- Story clusters across outlets: each article's near-duplicate signature and LSH band keys,
-- and what a cluster knows of its story (how many articles, which outlets, when).

-- The packed MinHash signature of an article (see rasad.crawler.neardup): what a candidate
-- is confirmed against. Kept apart from articles so that the wide article rows stay as they are.
CREATE TABLE article_signatures (
    article_id  bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    minhash     bytea NOT NULL
);

-- One row per LSH band of an article. The band number is hashed into the key, so the primary
-- key (key, article_id) is the one index a candidate lookup needs: key = ANY(the article's
-- band keys). No foreign key to articles, on purpose: its check on each of an article's 32
-- rows took a third of the insert, and a row whose article is gone is harmless (the lookup
-- joins articles).
CREATE TABLE article_bands (
    key         bigint NOT NULL,
    article_id  bigint NOT NULL,
    PRIMARY KEY (key, article_id)
);

ALTER TABLE clusters
    ADD COLUMN article_count  integer NOT NULL DEFAULT 1,
    ADD COLUMN source_ids     text[] NOT NULL DEFAULT '{}';

UPDATE clusters c
SET article_count = s.articles, source_ids = s.sources
FROM (
    SELECT cluster_id, count(*) AS articles, array_agg(DISTINCT source_id ORDER BY source_id) AS sources
    FROM articles GROUP BY cluster_id
) s
WHERE s.cluster_id = c.id;
