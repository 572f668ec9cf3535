"""Indexes kept in generation directories (the Whoosh and tantivy backends).

``root/CURRENT`` names the live generation (``gen-<time>``); a rebuild writes a new directory beside it and
replaces the pointer atomically, so a reader opens either the old generation or the new one, never half of
one.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


class GenerationDirs:
    """The generation pointer of an index under ``root``, and the state of a reader that follows it."""

    def _follow_generations(self, root: Path) -> None:
        self.root = root
        self._lock = threading.RLock()
        self._ix = None
        self._generation: str | None = None
        self._checked_at = 0.0

    def _current_name(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text(encoding="ascii").strip() or None
        except OSError:
            return None

    def _new_generation_dir(self) -> tuple[str, Path]:
        """Create the directory of a new generation (not live until ``_make_current``)."""
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"gen-{time.time_ns()}"
        (self.root / name).mkdir()
        return name, self.root / name

    def _make_current(self, name: str) -> None:
        """Point CURRENT at a generation, atomically."""
        pointer = self.root / f"CURRENT.{os.getpid()}.tmp"
        pointer.write_text(name, encoding="ascii")
        os.replace(pointer, self.root / "CURRENT")
