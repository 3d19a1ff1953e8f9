"""Reading articles back for search and export: filters, date order, ranked tiers, keysets.

Every page is read from an index in the order it is shown, so its cost follows the page and
not the number of matches (measured in benchmarks/search_scale.py):

- date order walks ``articles_sort_idx`` (or its per-source twin, one walk per source merged
  in date order when several are asked for) from the cursor on, or, for rare words, takes
  the GIN index's few matches and sorts them; PostgreSQL's planner picks, from the term
  statistics of the ``terms`` column (kept for 10,000 lexemes, migration 0014);
- relevance ranks a bounded set: the newest ``TIER_SIZE`` matches (a *tier*, found as in date
  order) are ranked with ``ts_rank_cd`` and shown best first; past them comes the next tier.
  Ranking every match of a common word read a 9 KB vector per match;
- collapsed results show a story whenever any of its articles matches, as one hit: a
  candidate read in date order is kept when no other match of its cluster comes before it
  (a probe of ``articles_cluster_sort_idx``, made only for the rows the page reads), so each
  cluster stands at its newest match; a ranked tier shows each of its clusters by its best
  ranked match. Probing every match before ranking was what made collapsing cost the
  number of matches.

The filters are composed from the ones a search sets, since an ``x IS NULL OR ...`` left in
the SQL keeps the planner from using the index that the filter would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from psycopg import sql
from psycopg.rows import class_row, dict_row

from rasad.storage.articles import ArticleRow

if TYPE_CHECKING:
    from collections.abc import Iterator

    from psycopg import Connection

# How many of the newest matches are ranked together. Ranking reads each match's vector;
# 200 keeps a page of the commonest word within tens of milliseconds on 1M articles.
TIER_SIZE = 200


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a search or an export reads.

    ``tsquery`` is a tsquery literal over the analysed terms (None: every article);
    ``collapse`` shows one matching article per cluster (the story, with its outlet count);
    ``topic`` reads that topic's recorded matches (one per cluster already) instead of every
    article.
    """

    tsquery: str | None = None
    sources: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    collapse: bool = True
    topic: str | None = None

    def __post_init__(self) -> None:
        # each source once, in the order given: a source named twice is read once
        object.__setattr__(self, "sources", tuple(dict.fromkeys(self.sources)))

    @property
    def collapsed(self) -> bool:
        """Whether clusters are collapsed here (a topic's matches are one per cluster)."""
        return self.collapse and self.topic is None


@dataclass(frozen=True)
class Position:
    """A place in a result list: after the article ``id`` listed at ``sort_at`` (and ``rank``)."""

    sort_at: datetime
    id: int
    rank: float | None = None


@dataclass(frozen=True)
class FoundArticle(ArticleRow):
    """An article as a search lists it, with where it sits and, for a topic, its match."""

    sort_at: datetime | None = None
    match_id: int | None = None
    matched_terms: list[str] | None = None
    alert: str | None = None


@dataclass(frozen=True)
class Tier:
    """A ranked tier's page: its rows, where the tier ends, and whether it was full."""

    rows: list[FoundArticle]
    end: Position | None
    full: bool


@dataclass(frozen=True)
class Delivery:
    """One email that carried (or will carry) a topic match, as the outbox row says:
    an ``alert`` or a ``digest``, its status and attempts."""

    match_id: int
    recipient: str
    status: str
    due_at: datetime
    sent_at: datetime | None
    last_error: str | None
    kind: str = "alert"
    attempts: int = 0


_COLUMNS = sql.SQL(
    """a.id, a.url, a.canonical_url, a.source_id AS source, a.title, a.byline,
       a.published_at, a.fetched_at, a.text, a.language, a.content_hash, a.cluster_id,
       greatest(cardinality(c.source_ids), 1) AS outlets, a.sort_at"""
)
_MATCH_COLUMNS = sql.SQL("m.id AS match_id, m.matched_terms, m.alert")


def _from(search: ArticleFilter) -> sql.Composable:
    if search.topic is None:
        return sql.SQL("articles a")
    return sql.SQL(
        "articles a JOIN topic_matches m ON m.article_id = a.id AND m.topic_id = %(topic)s"
    )


def _filters(search: ArticleFilter, alias: str, source: int | None = None) -> list[sql.Composable]:
    """What makes an article of ``alias`` part of the selection (the cursor aside); with
    ``source``, the part of it from that one of the selected sources (its index)."""
    table = sql.Identifier(alias)
    conditions: list[sql.Composable] = [sql.SQL("true")]
    if search.tsquery is not None:
        conditions.append(sql.SQL("{}.terms @@ %(q)s::tsquery").format(table))
    if source is not None:
        conditions.append(
            sql.SQL("{}.source_id = {}").format(table, sql.Placeholder(f"source_{source}"))
        )
    elif search.sources:
        conditions.append(sql.SQL("{}.source_id = ANY(%(sources)s)").format(table))
    if search.since is not None:
        conditions.append(sql.SQL("{}.sort_at >= %(since)s").format(table))
    if search.until is not None:
        conditions.append(sql.SQL("{}.sort_at < %(until)s").format(table))
    return conditions


def _where(
    search: ArticleFilter, after: Position | None = None, source: int | None = None
) -> sql.Composable:
    conditions = _filters(search, "a", source)
    if after is not None:
        conditions.append(sql.SQL("(a.sort_at, a.id) < (%(after_at)s, %(after_id)s)"))
    return sql.SQL(" AND ").join(conditions)


def _first_of_its_cluster(search: ArticleFilter) -> sql.Composable:
    """True for the newest match of its cluster (``a``): no other match of the cluster is
    listed before it. The OFFSET 0 keeps PostgreSQL from turning the probe into an anti-join
    over every match: as a subplan on a walk of the date index it runs only for the rows the
    LIMIT reads (on the GIN index's few matches of a rare word, for each of them)."""
    if not search.collapsed:
        return sql.SQL("true")
    return sql.SQL(
        """NOT EXISTS (SELECT FROM articles b
                       WHERE b.cluster_id = a.cluster_id AND (b.sort_at, b.id) > (a.sort_at, a.id)
                         AND {filters} OFFSET 0)"""
    ).format(filters=sql.SQL(" AND ").join(_filters(search, "b")))


def _in_date_order(
    search: ArticleFilter, after: Position | None, source: int | None = None
) -> sql.Composable:
    """The selection after ``after`` (from ``source`` alone when given), one row per cluster
    when collapsed, to be read newest first under a LIMIT. The collapse test stays in the
    scan's WHERE: under an ordered subquery, PostgreSQL no longer saw the LIMIT and sorted
    every match of a common word instead of walking the date index
    (benchmarks/search_scale.py)."""
    return sql.SQL("{source} WHERE {where} AND {collapse}").format(
        source=_from(search),
        where=_where(search, after, source),
        collapse=_first_of_its_cluster(search),
    )


# Up to this many sources, each is read from its own range of the per-source date index.
_SOURCE_BRANCHES_AT_MOST = 8


def _newest_first(
    search: ArticleFilter, after: Position | None, limit: sql.Composable
) -> sql.Composable:
    """The ``id``, ``sort_at`` and ``cluster_id`` of the newest ``limit`` rows of the
    selection after ``after``.

    Several sources are read one by one and merged: ``source_id = ANY(...)`` cannot walk
    the per-source date index in date order, so PostgreSQL intersected the word's and the
    sources' bitmaps and read every match of both sources from the table (0.46 s for a
    middling word in two sources on 1M articles, 45 ms read per source and merged)."""
    branch = sql.SQL(
        """SELECT a.id, a.sort_at, a.cluster_id FROM {selection}
           ORDER BY a.sort_at DESC, a.id DESC LIMIT {limit}"""
    )
    if not 1 < len(search.sources) <= _SOURCE_BRANCHES_AT_MOST:
        return branch.format(selection=_in_date_order(search, after), limit=limit)
    branches = sql.SQL(" UNION ALL ").join(
        sql.SQL("({})").format(
            branch.format(selection=_in_date_order(search, after, source), limit=limit)
        )
        for source in range(len(search.sources))
    )
    return sql.SQL(
        "SELECT * FROM ({branches}) per_source ORDER BY sort_at DESC, id DESC LIMIT {limit}"
    ).format(branches=branches, limit=limit)


def _params(search: ArticleFilter, **extra: object) -> dict[str, Any]:
    return {
        "q": search.tsquery,
        "sources": list(search.sources),
        **{f"source_{n}": source for n, source in enumerate(search.sources)},
        "since": search.since,
        "until": search.until,
        "topic": search.topic,
        **extra,
    }


def _rows_of(search: ArticleFilter, page: sql.Composable, order: sql.Composable) -> sql.Composed:
    """The full rows of a page of ids, in ``order``, with the cluster's outlet count."""
    match = sql.SQL(", ") + _MATCH_COLUMNS if search.topic is not None else sql.SQL("")
    join = (
        sql.SQL("JOIN topic_matches m ON m.article_id = a.id AND m.topic_id = %(topic)s")
        if search.topic is not None
        else sql.SQL("")
    )
    return sql.SQL(
        """
        WITH page AS MATERIALIZED ({page})
        SELECT {columns}{match}, page.rank
        FROM page JOIN articles a ON a.id = page.id
        JOIN clusters c ON c.id = a.cluster_id {join}
        ORDER BY {order}
        """
    ).format(page=page, columns=_COLUMNS, match=match, join=join, order=order)


def newest(
    conn: Connection, search: ArticleFilter, after: Position | None, limit: int
) -> list[FoundArticle]:
    """A page in date order, newest first, after ``after``."""
    page = sql.SQL("SELECT n.id, 0::real AS rank FROM ({newest}) n").format(
        newest=_newest_first(search, after, sql.SQL("%(limit)s"))
    )
    query = _rows_of(search, page, sql.SQL("a.sort_at DESC, a.id DESC"))
    params = _params(search, limit=limit)
    if after is not None:
        params.update(after_at=after.sort_at, after_id=after.id)
    with conn.cursor(row_factory=class_row(FoundArticle)) as cur:
        return cur.execute(query, params).fetchall()


def ranked(
    conn: Connection,
    search: ArticleFilter,
    tier_start: Position | None,
    after: Position | None,
    limit: int,
) -> Tier:
    """A page of one tier, best ranked first: the newest ``TIER_SIZE`` matches before
    ``tier_start`` (the newest of all when None), ranked, read after ``after`` in that order."""
    if search.tsquery is None:
        raise ValueError("a ranked search needs a tsquery")
    tier = _newest_first(search, tier_start, sql.SQL("%(tier_size)s"))
    below = (
        sql.SQL("WHERE (r.rank, r.sort_at, r.id) < (%(rank)s::real, %(at)s, %(id)s)")
        if after is not None
        else sql.SQL("")
    )
    match = sql.SQL(", ") + _MATCH_COLUMNS if search.topic is not None else sql.SQL("")
    join = (
        sql.SQL("JOIN topic_matches m ON m.article_id = a.id AND m.topic_id = %(topic)s")
        if search.topic is not None
        else sql.SQL("")
    )
    # Ranked in a step of its own after the tier's LIMIT: ranked in the scan, a plan that
    # sorts the matches by date would rank every one of them. The tier's end comes back
    # even when the page is empty (the row of NULL article columns).
    query = sql.SQL(
        """
        WITH tier AS MATERIALIZED ({tier}),
        ranked AS MATERIALIZED ({ranking}),
        page AS MATERIALIZED (
            SELECT r.id, r.rank FROM ranked r {below}
            ORDER BY r.rank DESC, r.sort_at DESC, r.id DESC LIMIT %(limit)s
        ),
        tier_end AS (
            SELECT t.sort_at AS end_at, t.id AS end_id, (SELECT count(*) FROM tier) AS tier_count
            FROM tier t ORDER BY t.sort_at, t.id LIMIT 1
        )
        SELECT e.end_at, e.end_id, e.tier_count, found.*
        FROM tier_end e LEFT JOIN (
            SELECT {columns}{match}, page.rank
            FROM page JOIN articles a ON a.id = page.id
            JOIN clusters c ON c.id = a.cluster_id {join}
        ) found ON true
        ORDER BY found.rank DESC, found.sort_at DESC, found.id DESC
        """
    ).format(
        tier=tier,
        ranking=_ranking(search),
        below=below,
        columns=_COLUMNS,
        match=match,
        join=join,
    )
    params = _params(search, limit=limit, tier_size=TIER_SIZE)
    if tier_start is not None:
        params.update(after_at=tier_start.sort_at, after_id=tier_start.id)
    if after is not None:
        params.update(rank=after.rank, at=after.sort_at, id=after.id)
    with conn.cursor(row_factory=dict_row) as cur:
        records = cur.execute(query, params).fetchall()
    if not records:
        return Tier([], None, False)
    first = records[0]
    end = Position(first["end_at"], first["end_id"])
    rows = [
        FoundArticle(**{k: v for k, v in r.items() if k not in _TIER_KEYS})
        for r in records
        if r["id"] is not None
    ]
    return Tier(rows, end, first["tier_count"] >= TIER_SIZE)


def _ranking(search: ArticleFilter) -> sql.Composable:
    """The tier's rows ranked; collapsed, each cluster of the tier by its best ranked match
    (its matches older than the tier included: the cluster belongs to this tier alone)."""
    if not search.collapsed:
        return sql.SQL(
            """SELECT t.id, t.sort_at, ts_rank_cd(a.terms, %(q)s::tsquery) AS rank
               FROM tier t JOIN articles a ON a.id = t.id"""
        )
    return sql.SQL(
        """SELECT DISTINCT ON (t.cluster_id) a.id, a.sort_at,
                  ts_rank_cd(a.terms, %(q)s::tsquery) AS rank
           FROM tier t JOIN articles a ON a.cluster_id = t.cluster_id AND {filters}
           ORDER BY t.cluster_id, rank DESC, a.sort_at DESC, a.id DESC"""
    ).format(filters=sql.SQL(" AND ").join(_filters(search, "a")))


_TIER_KEYS = frozenset({"end_at", "end_id", "tier_count"})


def matching_parts(
    conn: Connection, article_ids: list[int], tsqueries: list[str]
) -> dict[int, list[bool]]:
    """For each article, whether each of ``tsqueries`` (a query's words and phrases) matches
    its stored terms: what the matched words of a hit are found from, without reading the
    text again. The vector is read once per article (the concatenation makes the subquery
    hand on a detoasted copy, not the TOAST pointer each test would decompress again)."""
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(
            """
            SELECT d.id, ARRAY(SELECT d.terms @@ u.q::tsquery
                               FROM unnest(%(queries)s::text[]) WITH ORDINALITY u (q, n)
                               ORDER BY u.n) AS flags
            FROM (SELECT a.id, a.terms || ''::tsvector AS terms FROM articles a
                  WHERE a.id = ANY(%(ids)s) OFFSET 0) d
            """,
            {"ids": article_ids, "queries": tsqueries},
        ).fetchall()
    return {row["id"]: row["flags"] for row in rows}


def deliveries(conn: Connection, match_ids: list[int]) -> list[Delivery]:
    """The emails of the given topic matches, one per recipient and email (read through the
    analyst_deliveries view, so the web's read-only role may read them too)."""
    with conn.cursor(row_factory=class_row(Delivery)) as cur:
        return cur.execute(
            """
            SELECT match_id, recipient, status, due_at, sent_at, last_error, kind, attempts
            FROM analyst_deliveries
            WHERE match_id = ANY(%s)
            ORDER BY recipient, email_id
            """,
            (match_ids,),
        ).fetchall()


def stream(conn: Connection, search: ArticleFilter, batch: int = 2000) -> Iterator[FoundArticle]:
    """Every article of ``search``, newest first, through a server-side cursor: memory holds
    one batch whatever the size of the selection. Call inside a transaction."""
    match = sql.SQL(", ") + _MATCH_COLUMNS if search.topic is not None else sql.SQL("")
    query = sql.SQL(
        """
        SELECT {columns}{match}, 0::real AS rank
        FROM {source} JOIN clusters c ON c.id = a.cluster_id
        WHERE {where} AND {collapse}
        ORDER BY a.sort_at DESC, a.id DESC
        """
    ).format(
        columns=_COLUMNS,
        match=match,
        source=_from(search),
        where=_where(search),
        collapse=_first_of_its_cluster(search),
    )
    with conn.cursor("rasad_export", row_factory=class_row(FoundArticle)) as cur:
        cur.itersize = batch
        cur.execute(query, _params(search))
        yield from cur


@dataclass(frozen=True)
class RecordedMatch:
    """What the topic_matches table says of one topic and story."""

    match_id: int
    cluster_id: int
    alert: str


def topic_matches_of_clusters(
    conn: Connection, topic_id: str, cluster_ids: list[int]
) -> dict[int, RecordedMatch]:
    """The recorded matches of ``topic_id`` among the given clusters, by cluster."""
    with conn.cursor(row_factory=class_row(RecordedMatch)) as cur:
        rows = cur.execute(
            """
            SELECT id AS match_id, cluster_id, alert FROM topic_matches
            WHERE topic_id = %s AND cluster_id = ANY(%s)
            """,
            (topic_id, cluster_ids),
        ).fetchall()
    return {row.cluster_id: row for row in rows}
