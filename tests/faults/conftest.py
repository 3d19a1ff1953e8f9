"""The email fixtures (SMTP server in process, queued stories) of tests/mailroom.py."""

from mailroom import (  # noqa: F401 - fixtures are found by name
    closed_port,
    newsroom,
    pool,
    small_smtp_sink,
    smtp_sink,
)
