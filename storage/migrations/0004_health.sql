-- Source health: when a source last yielded a new article, and whether it is flagged.

ALTER TABLE sources
    ADD COLUMN created_at   timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_new_at  timestamptz,
    ADD COLUMN flagged_at   timestamptz,
    ADD COLUMN flag_reason  text;
