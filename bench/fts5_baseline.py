"""SQLite FTS5: the baseline a developer would reach for (benchmark only, not a backend).

``unicode61 remove_diacritics 2`` folds tones and vowel shapes but not ``đ``, so ``đ``/``Đ``
are mapped to ``d``/``D`` in Python on both sides.  The query is translated the obvious way:
every word quoted and ANDed, quoted phrases kept, ``-word`` as NOT, ``OR`` kept.  Facets are
counted over every match; the metadata join is forced with CROSS JOIN (see SEARCH-FACTS).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

FACETS = ("type", "year", "session", "body", "status", "area")
_D = str.maketrans({"đ": "d", "Đ": "D"})
_LEX = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def fts_query(text: str) -> str:
    """Return the FTS5 MATCH expression of a user query (đ folded)."""
    parts = []
    for match in _LEX.finditer(text.translate(_D)):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if phrase is not None:
            chunk, neg = phrase, bool(negated)
        elif word == "OR":
            parts.append("OR") if parts and parts[-1] != "OR" else None
            continue
        else:
            neg, chunk = word.startswith("-"), word.lstrip("-")
        chunk = chunk.replace('"', "").strip()
        if chunk:
            parts.append(("NOT " if neg and parts else "") + f'"{chunk}"')
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)


class Fts5Baseline:
    """An FTS5 index of search documents in one SQLite file."""

    name = "fts5"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path)

    def rebuild(self, docs) -> int:
        cur = self.conn
        cur.execute("DROP TABLE IF EXISTS fts")
        cur.execute("DROP TABLE IF EXISTS meta")
        cur.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body,"
                    " tokenize = 'unicode61 remove_diacritics 2')")  # fmt: skip
        facets = ", ".join(f"f_{name} TEXT" for name in FACETS)
        cur.execute(f"CREATE TABLE meta (id INTEGER PRIMARY KEY, key TEXT UNIQUE, date TEXT, {facets})")
        for name in FACETS:
            cur.execute(f"CREATE INDEX meta_{name} ON meta (f_{name})")
        count = 0
        for doc in docs:
            self._insert(doc)
            count += 1
        self.conn.commit()
        return count

    def _insert(self, doc) -> None:
        row = self.conn.execute(
            f"INSERT INTO meta (key, date, {', '.join('f_' + n for n in FACETS)})"
            f" VALUES (?, ?, {', '.join('?' for _ in FACETS)})",
            (doc.key, doc.date, *(doc.facets.get(n) for n in FACETS)),
        )
        self.conn.execute(
            "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
            (row.lastrowid, doc.title.translate(_D), doc.text.translate(_D)),
        )

    def index(self, docs) -> None:
        for doc in docs:
            old = self.conn.execute("SELECT id FROM meta WHERE key = ?", (doc.key,)).fetchone()
            if old:
                self.conn.execute("DELETE FROM fts WHERE rowid = ?", old)
                self.conn.execute("DELETE FROM meta WHERE id = ?", old)
            self._insert(doc)
        self.conn.commit()

    def search(self, text: str, filters=None) -> tuple[int, list[tuple[str, str]], dict]:
        """Return (total, [(key, snippet)] of the first ten, facet counts over every match)."""
        match = fts_query(text)
        if not match:
            return 0, [], {}
        where = ["fts MATCH ?"] + [f"m.f_{n} = ?" for n in (filters or {})]
        params = [match, *(filters or {}).values()]
        sql_where = " AND ".join(where)
        try:
            hits = self.conn.execute(
                "SELECT m.key, snippet(fts, 1, '<mark>', '</mark>', '…', 24)"
                f" FROM fts CROSS JOIN meta m ON m.id = fts.rowid WHERE {sql_where}"
                " ORDER BY bm25(fts, 2.0, 1.0) LIMIT 10",
                params,
            ).fetchall()
            self.conn.execute("DROP TABLE IF EXISTS temp.matched")
            self.conn.execute(
                "CREATE TEMP TABLE matched AS SELECT m.* FROM fts CROSS JOIN meta m"
                f" ON m.id = fts.rowid WHERE {sql_where}",
                params,
            )
        except sqlite3.OperationalError:
            return 0, [], {}
        facets = {
            name: dict(
                self.conn.execute(
                    f"SELECT f_{name}, count(*) FROM matched WHERE f_{name} IS NOT NULL"
                    f" GROUP BY f_{name} ORDER BY 2 DESC"
                ).fetchall()
            )  # fmt: skip
            for name in FACETS
        }
        total = self.conn.execute("SELECT count(*) FROM matched").fetchone()[0]
        return total, hits, facets

    def size(self) -> int:
        return self.path.stat().st_size

    def close(self) -> None:
        self.conn.close()
