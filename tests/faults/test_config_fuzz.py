"""The three configuration loaders under random documents (Hypothesis): each TOML file, and
each set of RASAD_* variables, gives its value or a RasadError of one line, nothing else."""

from __future__ import annotations

import tempfile
from datetime import UTC
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.alerts.topics import load_topics
from rasad.config.errors import RasadError
from rasad.config.settings import SETTING_KEYS, Settings, env_name, load_settings
from rasad.crawler.catalog import Source, load_catalog

SOURCE_KEYS = [
    "id", "name", "homepage", "feeds", "sitemaps", "sections", "article_pattern", "encoding",
    "interval", "drop", "timezone", "enabled", "private_network", "country",
]  # fmt: skip
TOPIC_KEYS = ["id", "name", "query", "recipients", "mode", "sources"]

# Values a user might write, and values that are wrong in every way a type can be.
texts = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.sampled_from(
        [
            "alpha", "https://alpha.example/rss", "http://127.0.0.1:0/", "https://[::1/x",
            "https://a.example/{yyyy}/{week}", "rot13", "windows-1256", "utf-8", "Asia/Damascus",
            "Mars/Olympus", "daily 08:00", "daily 25:99", "hourly", "a@example.org",
            "evil,a@example.org", "Rasad <r@example.org>", "(داعش OR سجن", "داعش AND سجون",
            "((((((((((((((((((((((x))))))))))))))))))))))", "div[", "(\\d+", "1e300", "nan",
            "smtp://u:p@mail:99999", "postgresql://u@/db?host=/tmp", "https://k@o0.ingest/0",
        ]
    ),
)  # fmt: skip
scalars = st.one_of(
    texts,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(timezones=st.just(UTC)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)


def entries(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A table with some of ``keys`` (and maybe an unknown one), each with any value."""
    return st.dictionaries(st.sampled_from([*keys, "colour"]) | texts, values, max_size=8)


def load(text_of: dict[str, Any], loader: Any) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.toml"
        path.write_text(tomli_w.dumps(text_of), encoding="utf-8")
        try:
            return loader(path)
        except RasadError as exc:
            refusal = exc
    message = str(refusal)
    assert message
    assert "\n" not in message
    return refusal


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["source", "sources"]),
        st.lists(entries(SOURCE_KEYS), max_size=3),
        max_size=2,
    )
)
def test_any_catalog_document_is_a_catalog_or_one_sentence(document: dict[str, Any]) -> None:
    loaded = load(document, load_catalog)
    assert isinstance(loaded, RasadError) or all(isinstance(s, Source) for s in loaded)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["topic", "topics"]), st.lists(entries(TOPIC_KEYS), max_size=3), max_size=2
    )
)
def test_any_topics_document_is_topics_or_one_sentence(document: dict[str, Any]) -> None:
    loaded = load(document, load_topics)
    assert isinstance(loaded, RasadError | tuple)


@settings(max_examples=150, deadline=None)
@given(
    document=entries(list(SETTING_KEYS)),
    environment=st.dictionaries(st.sampled_from(SETTING_KEYS).map(env_name), texts, max_size=3),
)
def test_any_settings_file_and_environment_is_settings_or_one_sentence(
    document: dict[str, Any], environment: dict[str, str]
) -> None:
    environment = {name: value for name, value in environment.items() if "\x00" not in value}
    loaded = load(document, lambda path: load_settings(path, environment))
    assert isinstance(loaded, RasadError | Settings)


def test_the_strategies_reach_good_values_too() -> None:
    """The properties above are not only about refusals: a plain document loads."""
    source = {"id": "alpha", "name": "ألفا", "homepage": "https://alpha.example/"}
    assert isinstance(load({"source": [source]}, load_catalog), tuple)
    topic = {"id": "t", "name": "ت", "query": "داعش", "recipients": ["a@example.org"]}
    assert isinstance(load({"topic": [topic]}, load_topics), tuple)
    assert isinstance(load({"timezone": "Asia/Damascus"}, lambda p: load_settings(p, {})), Settings)
