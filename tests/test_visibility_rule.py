"""What the public may see is decided in services/queries.py: no other module compares a record's status.

A `status ==` / `!=` / `.in_(...)` or a "published" literal elsewhere is a second copy of the rule that
the next change (a council scope, sample data left out) would miss. The few modules that handle the
workflow itself, rather than deciding visibility, are listed with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

PORTAL = Path(__file__).resolve().parent.parent / "portal"

COMPARISON = re.compile(r"""\.status\s*(==|!=)|\.status\.(in_|not_in|is_|isnot)\(|["']published["']""")

ALLOWED = {
    "services/queries.py": "the rule itself",
    "models/base.py": "the status column, its CHECK constraint and the workflow-state properties",
    "services/publishing.py": "the publish and withdraw transitions that write the status",
    "importers/seed.py": "the starter data is loaded as published records",
    "importers/synthetic.py": "sample records are created published (and marked as sample)",
    "vocabulary.py": "the labels of the workflow states",
    "admin/diffs.py": "a revision's recorded workflow state, told as 'published' or 'withdrawn'",
    "admin/records.py": "the office's list filtered by the workflow state the clerk picked",
    "public/correction_history.py": "the workflow state recorded in revision snapshots: published, corrected, withdrawn",
    "api/history.py": "the names of the public history events in the API document",
}


def offending_lines() -> list[str]:
    found = []
    for path in sorted(PORTAL.rglob("*.py")):
        relative = path.relative_to(PORTAL).as_posix()
        if relative.startswith("migrations/") or relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if COMPARISON.search(line):
                found.append(f"portal/{relative}:{number}: {line.strip()}")
    return found


def test_no_module_outside_the_allowed_ones_compares_a_record_status():
    assert offending_lines() == []


def test_the_pattern_finds_the_comparisons_it_forbids():
    for line in (
        '.where(Petition.status == "published")',
        "if record.status != 'draft':",
        "q.where(model.status.in_(SHOWN))",
        'rows = [r for r in rows if r.state is "published"]',
    ):
        assert COMPARISON.search(line), line
    for line in ("petition.petition_status == 'resolved'", "form.status.data", "if status != 'ok':"):
        assert not COMPARISON.search(line), line


def test_every_allowed_module_exists_and_still_needs_its_exemption():
    for relative in ALLOWED:
        text = (PORTAL / relative).read_text(encoding="utf-8")
        assert COMPARISON.search(text), f"portal/{relative} no longer compares a status: drop it from ALLOWED"
