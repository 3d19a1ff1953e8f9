"""Templates of the pages and the Atom feed: one Jinja2 environment, autoescaped everywhere.

Article text, titles and bylines come from outlets, that is from anyone: every template is
escaped (the Atom feed too, which is XML), and nothing in them is marked safe.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from starlette.templating import Jinja2Templates

from rasad.config.times import local_time, zone_label

if TYPE_CHECKING:
    from starlette.requests import Request

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

# Characters XML 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE/F): a
# stray one in an article would make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ALERT_STATUS = {
    "pending": "في الانتظار",
    "sending": "قيد الإرسال",
    "retry": "إعادة المحاولة",
    "sent": "أُرسل",
    "failed": "تعذّر الإرسال",
}
EMAIL_KIND = {"alert": "تنبيه", "digest": "ملخص"}
# Why a match was not emailed, as rasad.alerts.matcher words it; other reasons show as written.
_NOT_EMAILED = (
    (re.compile(r"published before the topic was created"), "نُشر قبل إنشاء الموضوع"),
    (re.compile(r"published (\d+) h before it was fetched"), r"نُشر قبل جلبه بـ\1 ساعة"),
)


def iso_utc(value: datetime | None) -> str:
    """ISO 8601 in UTC with a Z, as the JSON of DESIGN.md writes times."""
    if value is None:
        return ""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def xml_safe(value: object) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def not_emailed_reason(alert: str) -> str:
    """The reason a match was not emailed, in Arabic where it is one Rasad writes."""
    for pattern, arabic in _NOT_EMAILED:
        if match := pattern.search(alert):
            return match.expand(arabic)
    return alert.removeprefix("not emailed: ")


def paragraphs(text: str) -> list[str]:
    """The article's paragraphs as extraction wrote them, one per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _context(request: Request) -> dict[str, Any]:
    timezone = request.app.state.settings.timezone
    return {
        "timezone": timezone,
        "zone": zone_label(timezone),
        "local": lambda value, missing="—": local_time(value, timezone, missing),
        "zone_at": lambda value: zone_label(timezone, value),
    }


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        iso=iso_utc, xml_safe=xml_safe, paragraphs=paragraphs, not_emailed=not_emailed_reason
    )
    env.globals.update(alert_status=ALERT_STATUS, email_kind=EMAIL_KIND)
    return Jinja2Templates(env=env, context_processors=[_context])
