-- Publication dates with their provenance, and when Rasad first saw each link.

-- Where the publication time was stated: the page's meta tags or JSON-LD, the feed item or
-- news-sitemap entry that led to the page, its visible date line, or its URL. NULL when the
-- page states no date (or for articles stored before this migration).
ALTER TABLE articles
    ADD COLUMN published_at_source text
        CHECK (published_at_source IN ('meta', 'json-ld', 'feed', 'sitemap', 'text', 'url')),
    -- the page gave a day without a time: published_at is local midnight of that day
    ADD COLUMN published_date_only boolean NOT NULL DEFAULT false,
    -- when Rasad first saw the link that led to the article (in a feed, sitemap or section
    -- page): the time an undated article is shown and judged by
    ADD COLUMN found_at timestamptz;

-- Every article link Rasad found and had not fetched before, keyed like seen_urls: where it
-- was found, the date the feed or sitemap gave it, and whether it was found on the source's
-- first successful crawl (a back catalogue, which is never an alert storm).
CREATE TABLE discovered_urls (
    canonical_url     text PRIMARY KEY,
    source_id         text NOT NULL REFERENCES sources (id),
    found_in          text NOT NULL CHECK (found_in IN ('feed', 'sitemap', 'section')),
    stated_at         timestamptz,
    stated_date_only  boolean NOT NULL DEFAULT false,
    first_seen_at     timestamptz NOT NULL DEFAULT now(),
    first_crawl       boolean NOT NULL
);
CREATE INDEX discovered_urls_first_seen_idx ON discovered_urls (first_seen_at);

-- The same columns as before, and the provenance of published_at at the end.
CREATE OR REPLACE VIEW analyst_articles AS
SELECT a.id AS article_id, a.source_id AS source, s.name AS source_name, a.url,
       a.canonical_url, a.title, a.byline, a.published_at, a.fetched_at, a.language,
       a.text, a.content_hash, a.cluster_id,
       c.article_count AS cluster_articles, cardinality(c.source_ids) AS cluster_outlets,
       a.published_at_source
FROM articles a
JOIN sources s ON s.id = a.source_id
JOIN clusters c ON c.id = a.cluster_id;
