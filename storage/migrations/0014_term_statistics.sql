-- The planner picks between walking the date index and reading a word's matches from the GIN
-- index by how common it thinks the word is. ANALYZE keeps the frequencies of the 10 x
-- statistics-target commonest lexemes of the terms column and takes every other lexeme for
-- rarer than the least of them. With the default target (100) a word in 3.5% of 1M articles
-- was estimated at 0.5%: a NOT query read all 30,000 matches of its word through the GIN
-- index and probed each for its cluster (0.24 s, benchmarks/search_scale.py) where the date
-- index needed a few thousand rows. At 1000 the estimates are within a few percent; ANALYZE
-- of the column takes longer (15 s on 1M articles, run by autovacuum).
ALTER TABLE articles ALTER COLUMN terms SET STATISTICS 1000;
