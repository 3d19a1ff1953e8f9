"""Alert emails: one outbox row and its clusters rendered as a multipart text + HTML message.

The HTML is written right to left (``dir="rtl"``, ``lang="ar"``) and autoescaped, because
every title and passage in it comes from an outlet's page. Header values are cleaned of line
breaks before they are set, since a title is just as untrusted as the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy as email_policy
from email.header import Header
from email.headerregistry import HeaderRegistry, UniqueUnstructuredHeader
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape

from rasad.alerts.snippet import Segment, shortened, snippet
from rasad.config.times import local_day

if TYPE_CHECKING:
    from rasad.config.settings import Settings
    from rasad.storage.outbox import MatchedCluster, OutboxRow

__all__ = ["render_email"]

_SPACES = re.compile(r"\s+")
_TIME_FORMAT = "%Y-%m-%d %H:%M"
# Everything an outlet controls is shortened, so an email stays small whatever a page holds
# (a title of a million characters once made a 15 MB email that the server refused).
MAX_TITLE_CHARS = 300
MAX_OUTLETS_NAMED = 10


class _SubjectHeader(UniqueUnstructuredHeader):
    """A Subject folded by `email.header.Header`, which keeps spaces inside encoded words.

    Python 3.11's folder can put the space between two words outside the encoded words it
    splits a long Arabic subject into, where RFC 2047 tells readers to ignore it: the analyst
    saw «معتقلوداعش». The test suite checks that subjects decode back exactly.
    """

    def fold(self, *, policy: email_policy.EmailPolicy) -> str:
        if str(self).isascii():
            return super().fold(policy=policy)
        encoded = Header(str(self), "utf-8", header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {encoded}{policy.linesep}"


_REGISTRY = HeaderRegistry()
_REGISTRY.map_to_type("subject", _SubjectHeader)
_POLICY = email_policy.default.clone(header_factory=_REGISTRY)


@dataclass(frozen=True)
class ClusterView:
    """What the templates show of one cluster, formatted once here rather than in Jinja."""

    title: str
    title_segments: list[Segment]
    url: str
    source_name: str
    other_outlets: list[str]
    time_label: str
    local_time: str
    utc_time: str
    segments: list[Segment]
    matched_terms: list[str]


def render_email(
    row: OutboxRow,
    clusters: list[MatchedCluster],
    settings: Settings,
    *,
    now: datetime | None = None,
    following: int = 0,
) -> EmailMessage:
    """The email for ``row``: an alert for one cluster, a list for several or for a digest.

    ``now`` is the Date header (the time of sending when None). ``following``: stories of this
    email moved to the next one, to keep this one small; it says so. Operator rows carry
    their own subject and body and become plain text.
    """
    if row.kind == "operator":
        message = _envelope(row, settings, row.subject or "رصد", now)
        message.set_content(row.body or "")
        return message
    if not clusters:
        raise ValueError(f"outbox {row.id}: an {row.kind} email needs at least one cluster")
    topic_name = clusters[0].topic_name
    views = [cluster_view(cluster, settings.timezone) for cluster in clusters]
    listing = len(clusters) > 1 or row.kind == "digest" or following > 0
    subject = (
        f"رصد: {count_phrase(len(clusters))} — {topic_name}"
        if listing
        else f"رصد — {topic_name}: {views[0].title}"
    )
    context = {
        "subject": header_text(subject),
        "topic_name": topic_name,
        "count_phrase": count_phrase(len(clusters)),
        "clusters": views,
        "following": f"وفي الرسالة التالية: {count_phrase(following)}" if following else "",
    }
    message = _envelope(row, settings, subject, now)
    message.set_content(_template("alert.txt.j2").render(context))
    message.add_alternative(_template("alert.html.j2").render(context), subtype="html")
    # Set after the body: making the message multipart moves Content-* headers into a part.
    message["Content-Language"] = "ar"
    return message


def header_text(value: str) -> str:
    """``value`` on one line: control characters (CR, LF, ...) and line separators become
    spaces, so no text from an outlet can start a header of its own."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in value)
    return _SPACES.sub(" ", cleaned).strip()


def count_phrase(count: int) -> str:
    """«N new stories» (clusters) with Arabic number agreement: dual, 3–10 plural, 11+ singular."""
    if count == 1:
        return "قصة جديدة"
    if count == 2:
        return "قصتان جديدتان"
    if count <= 10:
        return f"{count} قصص جديدة"
    return f"{count} قصة جديدة"


# What the time beside a story is: its publication, the day it gives without a time, or, for a
# page that states no date, the moment Rasad first found its link (said so, never «نُشر»).
PUBLISHED_LABEL = "نُشر"
PUBLISHED_DAY_LABEL = "نُشر يوم"
FOUND_LABEL = "لا يذكر الخبر وقت نشره؛ وجده رصد"


def cluster_view(cluster: MatchedCluster, timezone: str) -> ClusterView:
    label, local, utc = _shown_time(cluster, timezone)
    title = shortened(cluster.title, MAX_TITLE_CHARS)
    others = [name for name in cluster.outlets if name != cluster.source_name]
    if len(others) > MAX_OUTLETS_NAMED:
        others = [*others[: MAX_OUTLETS_NAMED - 1], f"و{len(others) - MAX_OUTLETS_NAMED + 1} غيرها"]
    return ClusterView(
        title=title,
        title_segments=snippet(title, cluster.matched_terms, width=len(title)),
        url=cluster.canonical_url,  # the canonical link, without tracking parameters
        source_name=cluster.source_name,
        other_outlets=others,
        time_label=label,
        local_time=local,
        utc_time=utc,
        segments=snippet(cluster.text, cluster.matched_terms),
        matched_terms=cluster.matched_terms,
    )


def _shown_time(cluster: MatchedCluster, timezone: str) -> tuple[str, str, str]:
    """The label, the local time (in ``timezone``, named) and the UTC time of a story."""
    if cluster.published_at is not None and cluster.published_date_only:
        return PUBLISHED_DAY_LABEL, local_day(cluster.published_at, timezone), ""
    if cluster.published_at is not None:
        label, moment = PUBLISHED_LABEL, cluster.published_at
    else:
        label, moment = FOUND_LABEL, cluster.found_at or cluster.fetched_at
    local = moment.astimezone(ZoneInfo(timezone))
    return (
        label,
        f"{local:{_TIME_FORMAT}} ({timezone})",
        f"{moment.astimezone(UTC):{_TIME_FORMAT}} UTC",
    )


def _envelope(
    row: OutboxRow, settings: Settings, subject: str, now: datetime | None
) -> EmailMessage:
    message = EmailMessage(policy=_POLICY)
    message["Subject"] = header_text(subject)
    message["From"] = header_text(settings.mail_from)
    message["To"] = header_text(row.recipient)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    # Fixed when the row was queued: a resend after a crash carries the same Message-ID, so
    # mail clients fold the duplicate.
    message["Message-ID"] = header_text(row.message_id)
    # RFC 3834: keeps vacation responders from answering every alert.
    message["Auto-Submitted"] = "auto-generated"
    return message


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("rasad.alerts", "templates"),
        # The HTML escapes everything it is given; the text part must not (it would show
        # &lt; to the reader).
        autoescape=select_autoescape(
            enabled_extensions=("html.j2",), disabled_extensions=("txt.j2",), default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _template(name: str) -> Template:
    return _environment().get_template(name)
