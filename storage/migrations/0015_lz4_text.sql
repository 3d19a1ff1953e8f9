-- An article's text and terms are stored compressed when large (TOAST). PostgreSQL's default
-- method, pglz, costs more than the rest of the insert's index work together: storing an
-- article took 0.82 ms with pglz and 0.67-0.73 ms with lz4 (benchmarks/extract_store.py's
-- pages, pg_stat_statements). The tsvector of the terms compresses too little for pglz,
-- which then tries and gives up on every insert. Only values written from now on change;
-- rows already stored are read as they are. A server built without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE articles
        ALTER COLUMN text SET COMPRESSION lz4,
        ALTER COLUMN terms SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: article texts stay compressed with pglz';
END
$$;
