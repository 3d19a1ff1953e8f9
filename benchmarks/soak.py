"""Soak: the daemon's resident memory over 300 crawl rounds of a local outlet, every 50 rounds.

    python benchmarks/soak.py [--database-url ...] [--rounds 300] [--sources 8]

The daemon (``rasad run``) crawls a local outlet whose feeds list new articles at every
request, with a topic that matches some of them, so every round extracts, stores, matches
and queues emails. Resident memory (VmRSS) is sampled every round and printed every 50; the
growth is measured from round 50, after start-up caches have filled.

Target: flat, less than 10% growth after the first 50 rounds. This is the daemon part of
``crawl.py`` with soak defaults.
"""

from __future__ import annotations

import sys

from crawl import main

SOAK_DEFAULTS = [
    "--skip-crawl",
    "--rounds", "300",
    "--sources", "8",
    "--report-every", "50",
    "--baseline-round", "50",
]  # fmt: skip

if __name__ == "__main__":
    main([*SOAK_DEFAULTS, *sys.argv[1:]])
