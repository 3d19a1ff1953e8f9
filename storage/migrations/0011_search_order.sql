-- Search at archive scale: what a page of results needs read from an index, not computed per
-- match (see storage/search.py and benchmarks/search_scale.py).
--
-- sort_at: the time an article is listed and filtered by (its publication, or when Rasad
-- fetched it when the page gave none). Stored, so that one index serves date order, date
-- filters and the keyset cursor (sort_at, id) together.
-- cluster_head: whether the article is its cluster's first, the one a collapsed search shows
-- for the story. Set once by the store step (a later copy never becomes the head), so
-- collapsing is a column test instead of a look at the cluster's other articles per match.

ALTER TABLE articles
    ADD COLUMN sort_at timestamptz GENERATED ALWAYS AS (coalesce(published_at, fetched_at)) STORED,
    ADD COLUMN cluster_head boolean NOT NULL DEFAULT true;

UPDATE articles a SET cluster_head = false
FROM clusters c
WHERE c.id = a.cluster_id AND c.first_article_id <> a.id;

-- Date order and date filters, over every source or one; they replace the indexes on
-- published_at alone, which served neither the undated articles nor a stable order.
DROP INDEX articles_published_idx;
DROP INDEX articles_source_published_idx;
CREATE INDEX articles_sort_idx ON articles (sort_at DESC, id DESC);
CREATE INDEX articles_source_sort_idx ON articles (source_id, sort_at DESC, id DESC);
