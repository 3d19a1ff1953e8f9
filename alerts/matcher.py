"""Matching a new article against every topic, inside the article's own transaction.

What is decided here, per topic that matches:
- the match is recorded once per topic and story cluster (a syndicated copy alerts no more);
- an article published long before it was fetched (a back catalogue, an old sitemap) or
  before the topic existed is recorded but not emailed, so a first crawl is no alert storm;
- an article that states no date is never taken for fresh: it is emailed only when its link
  appeared in a feed or sitemap after the topic existed, on a crawl after the source's first,
  and the moment Rasad first saw the link stands in for its publication;
- an email is owed to every recipient: a digest at the end of its period, or an alert now,
  or, when the topic alerted within the burst window, at the end of that window, so fifty
  matches within minutes fold into one email.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from rasad.alerts.analysis import analyse_article
from rasad.storage.outbox import last_alert_at, new_message_id, queue_match_email, record_match

if TYPE_CHECKING:
    from collections.abc import Mapping

    from psycopg import Connection

    from rasad.alerts.analysis import AnalysedDocument
    from rasad.alerts.topics import Topic
    from rasad.storage.articles import NewArticle, StoreResult

log = logging.getLogger(__name__)

EMAILED = "emailed"


@dataclass(frozen=True)
class AlertPolicy:
    """The limits against alert storms, from the settings."""

    max_age: timedelta
    burst_window: timedelta
    timezone: str
    message_domain: str


class TopicIndex:
    """Topics by the terms an article needs for each to match, so that an article is tested
    only against the queries it could satisfy: with a thousand topics, most are never run."""

    def __init__(self, topics: tuple[Topic, ...]) -> None:
        self.topics = topics
        self.by_term: dict[str, list[int]] = {}
        self.by_prefix: dict[str, list[int]] = {}
        self.always: list[int] = []  # queries without anchors (rare: NOT at the top)
        for number, topic in enumerate(topics):
            anchors = topic.query.anchors()
            if anchors is None:
                self.always.append(number)
                continue
            for term in anchors.terms:
                self.by_term.setdefault(term, []).append(number)
            for prefix in anchors.prefixes:
                self.by_prefix.setdefault(prefix, []).append(number)

    def candidates(self, document: AnalysedDocument) -> list[Topic]:
        """The topics that may match ``document``, in their file order."""
        found = set(self.always)
        terms = document.positions
        if len(self.by_term) < len(terms):
            for term, numbers in self.by_term.items():
                if term in terms:
                    found.update(numbers)
        else:
            for term in terms:
                found.update(self.by_term.get(term, ()))
        for prefix, numbers in self.by_prefix.items():
            if document.terms_with_prefix(prefix):
                found.update(numbers)
        return [self.topics[number] for number in sorted(found)]


class TopicMatcher:
    """The ``on_new`` hook of the store step: topics matched, matches and emails recorded."""

    def __init__(
        self,
        topics: tuple[Topic, ...],
        topic_created_at: Mapping[str, datetime],
        policy: AlertPolicy,
    ) -> None:
        self.topics = topics
        self.topic_created_at = topic_created_at
        self.policy = policy
        self.index = TopicIndex(topics)

    def __call__(self, conn: Connection, stored: StoreResult, article: NewArticle) -> None:
        if self.topics:
            self.match(conn, stored, article, analyse_article(article.title, article.text))

    def match(
        self,
        conn: Connection,
        stored: StoreResult,
        article: NewArticle,
        document: AnalysedDocument,
    ) -> None:
        """Match an article already analysed (the ingest path analyses once for both)."""
        now = datetime.now(UTC)
        for topic in self.index.candidates(document):
            if not topic.watches(article.source_id) or not topic.query.matches(document):
                continue
            alert = self.alert_decision(topic, article, now)
            terms = topic.query.matched_terms(document)
            match_id = record_match(
                conn, topic.id, stored.cluster_id, stored.article_id, terms, alert
            )
            if match_id is None:
                continue  # this story matched the topic already, from another outlet
            log.info("article %s matches topic %s (%s)", article.canonical_url, topic.id, alert)
            if alert == EMAILED:
                self._queue_emails(conn, topic, match_id, now)

    def alert_decision(self, topic: Topic, article: NewArticle, now: datetime) -> str:
        """``emailed``, or the reason a match is recorded without an email."""
        published = article.published_at
        if published is None:
            return self._undated_decision(topic, article, now)
        if article.published_date_only:
            # A day without a time: the latest moment of that day is taken, so a story dated
            # today is not older than a topic created this morning.
            published = min(published + timedelta(days=1), now)
        return self._age_decision(topic, published, now, "published")

    def _undated_decision(self, topic: Topic, article: NewArticle, now: datetime) -> str:
        found = article.discovery
        if found is None or found.found_in == "section":
            return "not emailed: no date, and not found in a feed or sitemap"
        if found.first_crawl:
            return "not emailed: no date, found on a first crawl"
        # The feed's date, or the first sighting of the link, stands in for the publication.
        return self._age_decision(
            topic, found.stated_at or found.first_seen_at, now, "no date, seen"
        )

    def _age_decision(self, topic: Topic, moment: datetime, now: datetime, what: str) -> str:
        if now - moment > self.policy.max_age:
            hours = int((now - moment).total_seconds() // 3600)
            return f"not emailed: {what} {hours} h before it was fetched"
        created = self.topic_created_at.get(topic.id)
        if created is not None and moment < created:
            return f"not emailed: {what} before the topic was created"
        return EMAILED

    def _queue_emails(self, conn: Connection, topic: Topic, match_id: int, now: datetime) -> None:
        for recipient in topic.recipients:
            if topic.mode.is_digest:
                kind, due = "digest", topic.mode.next_digest(now, self.policy.timezone)
            else:
                kind, due = "alert", self._alert_due(conn, topic.id, recipient, now)
            queue_match_email(
                conn,
                kind=kind,
                topic_id=topic.id,
                recipient=recipient,
                match_id=match_id,
                due_at=due,
                message_id=new_message_id(self.policy.message_domain),
            )

    def _alert_due(
        self, conn: Connection, topic_id: str, recipient: str, now: datetime
    ) -> datetime:
        last = last_alert_at(conn, topic_id, recipient)
        if last is None:
            return now
        return max(now, last + self.policy.burst_window)
