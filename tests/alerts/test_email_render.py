"""An alert's HTML as a browser draws it: right to left, with the matched words highlighted.

Headless Chromium renders the HTML part of a real email to a PNG; the pixels are read with the
standard library (zlib + PNG unfiltering), since Pillow is not a dependency of Rasad.
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from rasad.alerts.email import render_email
from rasad.config.settings import Settings
from rasad.storage.outbox import MatchedCluster, OutboxRow

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is absent (apt-get install chromium) to render an alert's HTML",
)
WIDTH, HEIGHT = 900, 1200
HIGHLIGHT = (0xFF, 0xE0, 0x66)  # the <mark> background of alert.html.j2

ROW = OutboxRow(
    1, "alert", "isis", "analyst@example.org", None, None, 1, "<r.1@t>", datetime.now(UTC)
)
STORY = MatchedCluster(
    match_id=1,
    topic_id="isis",
    topic_name="معتقلو داعش ومخيمات الشمال السوري",
    article_id=1,
    cluster_id=1,
    title="فرار عناصر من تنظيم الدولة من أحد السجون في الحسكة",
    url="https://enab.example/news/1",
    canonical_url="https://enab.example/news/1",
    source_id="enab",
    source_name="عنب بلدي",
    published_at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
    fetched_at=datetime(2026, 11, 1, 9, 31, tzinfo=UTC),
    text=(
        "قالت مصادر محلية في ريف الحسكة الجنوبي إن عشرات من المعتقلين فرّوا فجر اليوم من أحد "
        "السُّجون التي تديرها قوات سوريا الديمقراطية، بعد هجوم نفذته خلايا تابعة لتنظيم الدولة "
        "على محيط السجن، فيما نُقلت عائلات إلى مخيم الهول شرقي المحافظة."
    ),
    matched_terms=["سجون", "معتقل*", "الهول"],
    outlets=["عنب بلدي", "وكالة هاوار"],
)


def test_an_alert_renders_right_to_left_with_highlights(tmp_path: Path) -> None:
    raw = render_email(ROW, [STORY], Settings(data_dir=tmp_path, timezone="Asia/Damascus"))
    html = message_from_bytes(raw.as_bytes(), policy=policy.default).get_body(("html",))
    page = tmp_path / "alert.html"
    page.write_text(html.get_content(), encoding="utf-8")
    png = tmp_path / "alert.png"

    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}",
            f"--window-size={WIDTH},{HEIGHT}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )

    assert png.stat().st_size > 20_000
    width, height, pixels = read_png(png.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    left = right = highlighted = 0
    for y in range(height):
        row = pixels[y]
        for x in range(width):
            r, g, b = row[x]
            if r + g + b < 3 * 110:
                if x < width // 2:
                    left += 1
                else:
                    right += 1
            elif all(abs(c - h) <= 12 for c, h in zip((r, g, b), HIGHLIGHT, strict=True)):
                highlighted += 1
    # Right-aligned Arabic puts the ink of short lines (headings, outlet, terms) on the right.
    assert right > 1.3 * left > 0
    assert highlighted > 2_000  # four marked words, each a block of yellow


def read_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, color, interlace) in ((8, 2, 0), (8, 6, 0))
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    channels = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[list[tuple[int, int, int]]] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        rows.append([tuple(line[x : x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


def _unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> bytearray:
    """Undo one PNG scanline filter (RFC 2083 section 6)."""
    if kind == 0:
        return line
    if kind == 2:
        return bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = previous[i]
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        else:
            up_left = previous[i - bpp] if i >= bpp else 0
            estimate = left + up - up_left
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
            nearest = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
            line[i] = (line[i] + nearest) & 0xFF
    return line
