-- Source health: when a source last yielded a new article, why pages were skipped, and
-- whether the source is flagged.

ALTER TABLE sources
    ADD COLUMN created_at   timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_new_at  timestamptz,
    ADD COLUMN flagged_at   timestamptz,
    ADD COLUMN flag_reason  text,
    -- reason -> pages, of the last crawl ("listing page": 3, "not Arabic": 1)
    ADD COLUMN last_skip_reasons  jsonb NOT NULL DEFAULT '{}';
