"""The email fixtures (SMTP server in process, queued stories) of tests/mailroom.py."""

from mailroom import (  # noqa: F401 - fixtures are found by name
    closed_port,
    newsroom,
    pool,
    smtp_sink,
    smtp_sink_with_login,
)
