-- A collapsed search shows a story whenever any of its articles matches (storage/search.py):
-- each candidate asks whether another match of its cluster comes before it in date order.
-- That probe reads this index from the candidate's place on, and the ranked tiers read a
-- cluster's matches through it; it serves every lookup by cluster_id the old index did.
-- cluster_head (the cluster's first article, which collapsing used to show) no longer
-- serves anything: the first article may not match, or not be from the sources searched.

CREATE INDEX articles_cluster_sort_idx ON articles (cluster_id, sort_at DESC, id DESC);
DROP INDEX articles_cluster_idx;
ALTER TABLE articles DROP COLUMN cluster_head;
