"""``rasad db reanalyse``: the stored terms of every article brought to the current analysis.

Articles keep the terms the analysis of their day gave them; when the analysis changes
(another stemming rule, a new lexicon), stored articles answer queries by the old terms until
they are analysed again. This runs through them in batches, each in its own transaction, and
rewrites only the terms that differ: it is idempotent, and an interrupted run is resumed by
running it again (batches already done are read and compared, not written). Topic matches
already recorded are history and stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rasad.alerts.analysis import analyse_article, tsvector_literal
from rasad.storage.database import connect
from rasad.storage.terms import articles_after, count_articles, replace_terms

__all__ = ["Progress", "reanalyse"]


@dataclass(frozen=True)
class Progress:
    done: int  # articles analysed so far
    total: int  # articles when the run started
    changed: int  # of those, the ones whose stored terms were rewritten
    last_id: int


def reanalyse(database_url: str, batch_size: int, on_batch: Callable[[Progress], None]) -> Progress:
    """Analyse every stored article again; ``on_batch`` hears after each batch commits."""
    with connect(database_url) as conn:
        conn.autocommit = True  # reads stand alone; each batch's writes are one transaction
        progress = Progress(0, count_articles(conn), 0, 0)
        while batch := articles_after(conn, progress.last_id, batch_size):
            terms = {
                article.id: tsvector_literal(analyse_article(article.title, article.text))
                for article in batch
            }
            with conn.transaction():
                changed = replace_terms(conn, terms)
            progress = Progress(
                progress.done + len(batch),
                max(progress.total, progress.done + len(batch)),
                progress.changed + changed,
                batch[-1].id,
            )
            on_batch(progress)
    return progress
