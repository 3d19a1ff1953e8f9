"""The errors a user of Rasad can cause and read.

    RasadError                 one clear sentence for the user; the CLI prints it and exits 2
    ├── SettingsError          rasad.toml or an environment override is wrong
    ├── CatalogError           sources.toml is wrong (file, source id and key named)
    ├── TopicError             topics.toml or a query is wrong (topic and position named)
    ├── ExtractionError        a page could not be read at all (not: a page that is no article)
    ├── SearchError            a search names an unknown source or topic, or a damaged cursor
    ├── OutboxError            an email asked for by id cannot be handled (rasad outbox)
    └── StorageError           PostgreSQL unreachable, or a migration failed

Anything else that escapes is a bug and reaches Sentry unwrapped.
Each part raises its own subclass; they live together here because the storage part sits
at the bottom of the layers and must not import the others.
"""


class RasadError(Exception):
    """An error whose message is meant for the user, in one sentence."""

    exit_status = 2


class SettingsError(RasadError):
    """rasad.toml or an environment override is invalid."""


class CatalogError(RasadError):
    """The source catalog is invalid."""


class TopicError(RasadError):
    """The topics file or a topic query is invalid."""


class ExtractionError(RasadError):
    """A page could not be read (missing file, unreadable bytes)."""


class SearchError(RasadError):
    """A search or export request is invalid (unknown source or topic, damaged cursor)."""


class OutboxError(RasadError):
    """``rasad outbox`` was given an email it cannot act on (unknown, or already sent)."""


class StorageError(RasadError):
    """PostgreSQL could not be reached or a migration failed."""

    exit_status = 3
