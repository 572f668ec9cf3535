"""What changed between two snapshots of a record, in words a clerk reads: its fields, with a word diff
for long text, and its rows ("Thêm kiến nghị 3", "Sửa hạn xử lý của kiến nghị 2: 30/6/2021 → 31/12/2021")."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from portal import vocabulary as vocab
from portal.admin.record_forms import REF_SOURCES
from portal.admin.registry import TypeSpec
from portal.formatting import vndate

HIDDEN = {"id", "slug", "published_at", "withdrawn_at", "source_key", "is_sample"}
WORD_DIFF_MIN = 60
EMPTY = "(trống)"


@dataclass(frozen=True)
class RowWords:
    """How a clerk names a kind of row and its fields: the noun, (field, label, kind, vocabulary or ref)."""

    noun: str
    fields: tuple[tuple[str, str, str, str | None], ...]
    nested: dict[str, RowWords] = field(default_factory=dict)


UPDATE_WORDS = RowWords(
    "kết quả theo dõi",
    (
        ("on", "ngày", "date", None),
        ("status", "tình trạng", "choice", "recommendation_status"),
        ("text", "kết quả thực hiện", "text", None),
        ("document_id", "văn bản báo cáo", "ref", "document"),
    ),
)
ROW_WORDS: dict[str, RowWords] = {
    "recommendations": RowWords(
        "kiến nghị",
        (
            ("text", "nội dung", "text", None),
            ("addressee_id", "cơ quan nhận", "ref", "organization"),
            ("status", "tình trạng", "choice", "recommendation_status"),
            ("due", "hạn xử lý", "date", None),
        ),
        {"updates": UPDATE_WORDS},
    ),
}


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Split two texts into (op, text) pieces, op one of equal/delete/insert, word by word."""
    a, b = old.split(" "), new.split(" ")
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("insert", " ".join(b[j1:j2])))
    return pieces


class Words:
    """Formats stored values for a clerk: dates as 30/6/2021, codes by their label, references by name.
    Reference names are read once per kind (one statement each), whatever the number of changes."""

    def __init__(self) -> None:
        self._refs: dict[str, dict] = {}

    def value(self, raw, kind: str = "text", detail: str | None = None) -> str:
        if raw is None or raw == "":
            return EMPTY
        if kind == "date":
            return vndate(date.fromisoformat(str(raw)[:10]))
        if kind == "choice" and detail:
            return vocab.label(detail, raw)
        if kind == "ref" and detail in REF_SOURCES:
            if detail not in self._refs:
                self._refs[detail] = dict(REF_SOURCES[detail]())
            return str(self._refs[detail].get(raw, f"#{raw}"))
        return str(raw)

    def change(self, text: str, old, new, kind: str = "text", detail: str | None = None) -> dict:
        old_s, new_s = self.value(old, kind, detail), self.value(new, kind, detail)
        long_text = kind == "text" and max(len(old_s), len(new_s)) >= WORD_DIFF_MIN
        return {
            "text": text,
            "old": old_s,
            "new": new_s,
            "pieces": word_diff("" if old is None else str(old), "" if new is None else str(new))
            if long_text
            else None,
        }


def sentence(text: str, quote: str | None = None, note: str | None = None) -> dict:
    """A change as a sentence, with the row's text quoted or a note (a reason) in brackets."""
    return {"text": text, "quote": quote, "note": note}


def _reason(row: dict) -> str:
    return f"lý do: {row.get('withdrawn_reason') or 'không ghi'}"


def field_changes(spec: TypeSpec, before: dict, after: dict, words: Words | None = None) -> list[dict]:
    """The fields whose value differs between two snapshots, with a word diff for long text."""
    words = words or Words()
    specs = {f.name: f for f in spec.fields}
    labels = {f.name: f.label for f in spec.fields}
    labels.update(
        status="Trạng thái",
        withdrawn_reason="Lý do rút",
        source_section="Mục trong văn bản nguồn",
        source_document_id="Văn bản nguồn",
    )
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: list(labels).index(k) if k in labels else 999):
        old, new = before.get(key), after.get(key)
        if key in HIDDEN or key in ROW_WORDS or old == new:
            continue
        f = specs.get(key)
        kind = f.kind if f and f.kind in ("date", "choice", "ref") else "text"
        detail = f.vocabulary if kind == "choice" else f.ref if kind == "ref" else None
        if key == "status":
            kind, detail = "choice", "status"
        elif key == "source_document_id":
            kind, detail = "ref", "document"
        changes.append({**words.change("", old, new, kind, detail), "label": labels.get(key, key)})
    return changes


def row_changes(before: dict, after: dict, words: Words | None = None) -> list[dict]:
    """Sentences for the rows added, changed, withdrawn, brought back or removed between two snapshots.

    A snapshot taken before rows were kept in it (a record's own older revision without the key) says
    nothing about them, so it is not compared; the first snapshot of a record compares with no rows.
    """
    words = words or Words()
    changes = []
    for attribute, row_words in ROW_WORDS.items():
        if attribute not in after or (before and attribute not in before):
            continue
        changes += _collection(row_words, before.get(attribute, []), after[attribute], words, "")
    return changes


def _collection(
    row_words: RowWords, old_rows: list[dict], new_rows: list[dict], words: Words, owner: str
) -> list[dict]:
    old_by_id = {row["id"]: row for row in old_rows}
    new_ids = {row["id"] for row in new_rows}
    changes = []
    for place, row in enumerate(new_rows, 1):
        name = _name(row_words, place, row, words, owner)
        changes += _row(row_words, name, old_by_id.get(row["id"]), row, words)
    for place, row in enumerate(old_rows, 1):
        if row["id"] not in new_ids:
            changes.append(sentence(f"Xóa {_name(row_words, place, row, words, owner)}", _gist(row)))
    return changes


def _name(row_words: RowWords, place: int, row: dict, words: Words, owner: str) -> str:
    """'kiến nghị 2', or for a dated follow-up 'kết quả theo dõi ngày 15/3/2021 của kiến nghị 2'."""
    if "on" in row:
        return f"{row_words.noun} ngày {words.value(row['on'], 'date')} của {owner}"
    return f"{row_words.noun} {place}"


def _gist(row: dict) -> str | None:
    text = row.get("text")
    return None if not text else text if len(text) <= 160 else text[:157] + "…"


def _row(row_words: RowWords, name: str, old: dict | None, new: dict, words: Words) -> list[dict]:
    if old is None:
        changes = [sentence(f"Thêm {name}", _gist(new) if "on" not in new else _update_gist(new, words))]
        if new.get("withdrawn_at"):
            changes.append(sentence(f"Rút {name}", note=_reason(new)))
        return changes + _nested(row_words, name, {}, new, words)
    changes = []
    if not old.get("withdrawn_at") and new.get("withdrawn_at"):
        changes.append(sentence(f"Rút {name}", note=_reason(new)))
    elif old.get("withdrawn_at") and not new.get("withdrawn_at"):
        changes.append(sentence(f"Đưa trở lại {name} (trước đó đã rút)"))
    for key, label, kind, detail in row_words.fields:
        if old.get(key) != new.get(key):
            changes.append(words.change(f"Sửa {label} của {name}", old.get(key), new.get(key), kind, detail))
    return changes + _nested(row_words, name, old, new, words)


def _nested(row_words: RowWords, name: str, old: dict, new: dict, words: Words) -> list[dict]:
    changes = []
    for attribute, nested_words in row_words.nested.items():
        changes += _collection(nested_words, old.get(attribute, []), new.get(attribute, []), words, name)
    return changes


def _update_gist(row: dict, words: Words) -> str:
    status = words.value(row.get("status"), "choice", "recommendation_status")
    return status + (f": {_gist(row)}" if row.get("text") else "")


def summary(spec: TypeSpec, before: dict | None, after: dict, words: Words) -> list[dict]:
    """One revision of a record in short sentences for its history list: fields named, rows in full."""
    fields = (
        []
        if before is None
        else [
            sentence(f"Sửa {c['label'].lower()}")
            for c in field_changes(spec, before, after, words)
            if c["label"] not in WORKFLOW_LABELS
        ]
    )
    return fields + row_changes(before or {}, after, words)


WORKFLOW_LABELS = ("Trạng thái", "Lý do rút")


def record_as_row_changes(
    spec: TypeSpec, before: dict | None, after: dict, name: str, words: Words
) -> list[dict]:
    """One revision of a record shown as a row of its parent (a petition in its round's history)."""
    if not before:
        draft = " (bản nháp)" if after.get("status") == "draft" else ""
        return [sentence(f"Thêm {name} vào đợt{draft}", _gist(after))]
    changes = []
    if before.get("status") != after.get("status"):
        if after.get("status") == "published":
            changes.append(sentence(f"Công bố {name}"))
        elif after.get("status") == "withdrawn":
            changes.append(sentence(f"Rút {name}", note=_reason(after)))
    for c in field_changes(spec, before, after, words):
        if c["label"] not in WORKFLOW_LABELS:
            changes.append({**c, "text": f"Sửa {c['label'].lower()} của {name}"})
    return changes
