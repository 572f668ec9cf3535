"""Count and capture the SQL statements a request runs (a count, never a time)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event


@dataclass
class Captured:
    """The statements one block of code ran, with their parameters."""

    statements: list[tuple[str, object]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.statements)


@contextmanager
def capture(engine):
    """Record every statement the engine runs inside the block (savepoints and the like included)."""
    captured = Captured()

    def listener(conn, cursor, statement, parameters, context, executemany):
        captured.statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield captured
    finally:
        event.remove(engine, "before_cursor_execute", listener)
