"""Story clusters: which earlier article a new one is a copy of, found by its LSH band keys.

The crawler computes an article's near-duplicate signature (``rasad.crawler.neardup``) and
hands storage plain values, a :class:`ClusterSignature`. Inside the article's own transaction,
``rasad.storage.articles.store_signed``:

1. takes a transaction-level advisory lock on each of the article's band keys, in sorted
   order (:func:`lock_band_keys`);
2. looks up the articles sharing at least one band key: the newest few under each key (an
   index scan on the primary key of ``article_bands`` per key, however large the archive and
   however many copies a story has) (:func:`send_story_lookup`);
3. confirms each candidate by the estimated similarity of the two MinHash signatures;
4. joins the cluster of the most similar confirmed candidate (:func:`matching_cluster`,
   :func:`join_cluster`), or opens a new cluster (:func:`open_cluster`).

Why the locks: two crawler processes storing two copies of one story at the same moment
would each look up candidates before the other has committed, find none, and open two
clusters. Copies that could find each other share at least one band key (that is what makes
them candidates), so they ask for at least one common lock; the second writer waits until
the first commits, and its lookup, run after the wait under READ COMMITTED, sees the first
copy. Sorted order means two writers never hold one lock each while waiting for the other's.
Articles with no band key in common never wait for each other. The locks are released at
commit or rollback, so a crash holds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
from psycopg.rows import class_row

if TYPE_CHECKING:
    from collections.abc import Iterable

    from psycopg import Connection, Cursor

# Enough to confirm every real copy of a story; a pathological text sharing bands with
# thousands of articles (a one-line text, a page of boilerplate) costs no more than this.
_MAX_CANDIDATES = 50
# Articles read under each band key, newest first. The copies of one story share most of
# their keys, so a story with hundreds of copies fills each of its keys with them: reading
# every row summed thousands per lookup (1.5 ms of the 5 a store took, with 90 copies) to
# find one cluster that the newest copies under any key already name. An earlier article
# of another story that is really similar shares many keys, so it is among the newest under
# at least one of them unless all are crowded by one story.
_NEWEST_PER_KEY = 8


@dataclass(frozen=True)
class ClusterSignature:
    """An article's near-duplicate signature, as the crawler computes it.

    ``minhash`` is the packed MinHash signature (unsigned 16-bit values, little-endian);
    ``band_keys`` are its LSH band keys; two articles are one story when the share of equal
    signature values reaches ``min_similarity``.
    """

    minhash: bytes
    band_keys: tuple[int, ...]
    min_similarity: float


@dataclass(frozen=True)
class Candidate:
    article_id: int
    cluster_id: int
    minhash: bytes


def estimated_similarity(a: bytes, b: bytes) -> float:
    """The MinHash estimate of the Jaccard similarity: the share of equal signature values."""
    # Compared as arrays: up to 50 candidates of 128 values each, for every stored article.
    left, right = np.frombuffer(a, dtype="<u2"), np.frombuffer(b, dtype="<u2")
    if not left.size or left.size != right.size:
        return 0.0  # signatures of another scheme never match
    return int(np.count_nonzero(left == right)) / left.size


def _bigint_array(values: Iterable[int]) -> str:
    """``values`` as a PostgreSQL array literal, for a ``::bigint[]`` parameter.

    psycopg dumps a list of ints element by element in Python (measured: 40 us for the 32
    band keys, sent three times per article); a join of their digits is a C call.
    """
    return "{" + ",".join(map(str, values)) + "}"


def lock_band_keys(conn: Connection, signature: ClusterSignature) -> None:
    """Wait for every other writer holding one of these band keys; see the module docstring."""
    # A band key is a 64-bit hash, so it meets another advisory lock key of Rasad (the
    # migrations') once in 2**64; the cost of that would be a wait, not a wrong answer.
    conn.execute(
        "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(%s::bigint[]) k",
        (_bigint_array(sorted(set(signature.band_keys))),),
    )


@dataclass(frozen=True)
class StoryLookup:
    """The lookup of an article's earlier copies, sent to the server ahead of its answer.

    In a pipeline the server runs it while the caller goes on (the crawler analyses the
    article meanwhile); :func:`matching_cluster` then waits only for what is left of it.
    """

    signature: ClusterSignature
    answer: Cursor[Candidate]


def send_story_lookup(conn: Connection, signature: ClusterSignature) -> StoryLookup:
    """Send the lookup of the stored articles sharing a band key with ``signature``, most
    shared keys first (after :func:`lock_band_keys`, in the same transaction)."""
    answer = conn.cursor(row_factory=class_row(Candidate)).execute(
        """
        SELECT a.id AS article_id, a.cluster_id, s.minhash
        FROM (SELECT b.article_id, count(*) AS shared
              FROM unnest(%s::bigint[]) k,
                   LATERAL (SELECT article_id FROM article_bands WHERE key = k
                            ORDER BY article_id DESC LIMIT %s) b
              GROUP BY b.article_id
              ORDER BY shared DESC, b.article_id LIMIT %s) c
        JOIN articles a ON a.id = c.article_id
        JOIN article_signatures s ON s.article_id = c.article_id
        ORDER BY c.shared DESC, c.article_id
        """,
        (_bigint_array(sorted(set(signature.band_keys))), _NEWEST_PER_KEY, _MAX_CANDIDATES),
    )
    return StoryLookup(signature, answer)


def matching_cluster(lookup: StoryLookup) -> int | None:
    """The cluster of the most similar earlier copy of the story, if there is one."""
    signature = lookup.signature
    best: tuple[float, int] | None = None
    for candidate in lookup.answer.fetchall():
        similarity = estimated_similarity(signature.minhash, candidate.minhash)
        if similarity < signature.min_similarity:
            continue
        # most similar first; on a tie, the older cluster
        if best is None or (similarity, -candidate.cluster_id) > (best[0], -best[1]):
            best = (similarity, candidate.cluster_id)
    return None if best is None else best[1]


def save_signature(conn: Connection, article_id: int, signature: ClusterSignature) -> None:
    """Store the article's signature and band keys, so later copies find it."""
    # One statement for both tables: one parse, plan and message less per stored article.
    conn.execute(
        """
        WITH signature AS (
            INSERT INTO article_signatures (article_id, minhash) VALUES (%(id)s, %(minhash)s)
            ON CONFLICT (article_id) DO NOTHING)
        INSERT INTO article_bands (key, article_id)
        SELECT DISTINCT k, %(id)s FROM unnest(%(keys)s::bigint[]) k ON CONFLICT DO NOTHING
        """,
        {
            "id": article_id,
            "minhash": signature.minhash,
            "keys": _bigint_array(signature.band_keys),
        },
    )


def open_cluster(
    conn: Connection,
    cluster_id: int,
    article_id: int,
    source_id: str,
    published_at: datetime | None,
) -> None:
    """A new story: the cluster starts with this article."""
    conn.execute(
        """
        INSERT INTO clusters (id, first_article_id, first_published_at, last_published_at,
                              article_count, source_ids)
        VALUES (%s, %s, %s, %s, 1, ARRAY[%s])
        """,
        (cluster_id, article_id, published_at, published_at, source_id),
    )


def join_cluster(
    conn: Connection, cluster_id: int, source_id: str, published_at: datetime | None
) -> None:
    """Another copy of a known story: count it, add its outlet, widen the time span."""
    conn.execute(
        """
        UPDATE clusters SET
            article_count = article_count + 1,
            source_ids = CASE WHEN %(source)s = ANY(source_ids) THEN source_ids
                              ELSE source_ids || %(source)s END,
            first_published_at = least(first_published_at, %(published)s),
            last_published_at = greatest(last_published_at, %(published)s)
        WHERE id = %(cluster)s
        """,
        {"cluster": cluster_id, "source": source_id, "published": published_at},
    )
