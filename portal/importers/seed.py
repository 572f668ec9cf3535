"""Load the starter data file: idempotent upserts keyed on source keys, one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from slugify import slugify
from sqlalchemy import Date, Integer, Numeric, inspect, select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import (
    ActivityCount,
    Area,
    BudgetFigure,
    Commitment,
    Document,
    LetterStats,
    Membership,
    Organization,
    Person,
    PetitionOutcome,
    Questioning,
    ReceptionDay,
    ReceptionStats,
    Recommendation,
    Resolution,
    Session,
    Supervision,
    Term,
    VoterMeetingRound,
)
from portal.models.base import PublicRecord, utcnow
from portal.services.publishing import audit, record_revision

DATA_DIR = Path(__file__).parent / "data"
SEED_FILE = DATA_DIR / "seed-2020.yaml"

# Load order: a record may only refer to keys loaded before it.
SECTIONS: list[tuple[str, type]] = [
    ("areas", Area),
    ("organizations", Organization),
    ("people", Person),
    ("terms", Term),
    ("documents", Document),
    ("sessions", Session),
    ("memberships", Membership),
    ("questionings", Questioning),
    ("activity_counts", ActivityCount),
    ("resolutions", Resolution),
    ("supervisions", Supervision),
    ("voter_meeting_rounds", VoterMeetingRound),
    ("petition_outcomes", PetitionOutcome),
    ("reception_stats", ReceptionStats),
    ("reception_days", ReceptionDay),
    ("letter_stats", LetterStats),
    ("budget_figures", BudgetFigure),
    ("commitments", Commitment),
]
RENAMED = {"section": "source_section", "source": "source_document"}
# References to records loaded after the one that names them (a council's end rests on a document,
# and documents come after organisations): set once every section is loaded.
LATER = {"dissolution_document"}
SPECIAL = {"key", "body_file", "recommendations", *LATER}
TITLE_FIELDS = ("slug_hint", "name", "title", "label", "subject", "text")


class SeedError(ValueError):
    """The data file is wrong; the message names the record and the field."""


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def bump(self, kind: str, section: str) -> None:
        counter = getattr(self, kind)
        counter[section] = counter.get(section, 0) + 1

    @property
    def changed(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


class Loader:
    def __init__(self, data: dict, data_dir: Path) -> None:
        self.data = data
        self.data_dir = data_dir
        self.objects: dict[str, object] = {}
        self.report = SeedReport()
        self.used_slugs: dict[str, set[str]] = {}
        self.outcome: dict[str, str] = {}
        self.revise_later: set[str] = set()

    def run(self) -> SeedReport:
        unknown = set(self.data) - {name for name, _ in SECTIONS} - {"council"}
        if unknown:
            raise SeedError(f"Mục không hợp lệ trong tệp dữ liệu: {', '.join(sorted(unknown))}")
        for section, model in SECTIONS:
            for raw in self.data.get(section) or []:
                self.load_record(section, model, raw)
        for section, _model in SECTIONS:
            for raw in self.data.get(section) or []:
                if LATER & set(raw):
                    self.link_later(section, raw)
        return self.report

    def link_later(self, section: str, raw: dict) -> None:
        key, obj = raw["key"], self.objects[raw["key"]]
        values = {name: self.resolve(key, name, raw[name]) for name in LATER & set(raw)}
        changed = self.apply(obj, values, False, key)
        if changed:
            self.flush(key)
            if self.outcome[key] == "unchanged":  # counted once, as the change it now is
                self.report.unchanged[section] -= 1
                self.report.bump("updated", section)
        if changed or key in self.revise_later:  # its first version holds the reference too
            record_revision(obj, None, "Nạp dữ liệu khởi tạo từ báo cáo năm 2020")

    def load_record(self, section: str, model: type, raw: dict, extra: dict | None = None):
        with db.session.no_autoflush:
            return self._load_record(section, model, raw, extra)

    def _load_record(self, section: str, model: type, raw: dict, extra: dict | None = None):
        key = raw.get("key") if isinstance(raw, dict) else None
        if not key:
            raise SeedError(f"{section}: bản ghi thiếu trường 'key': {raw!r}")
        if key in self.objects:
            raise SeedError(f"{key}: khóa bị trùng")
        obj = db.session.scalar(select(model).where(model.source_key == key))
        is_new = obj is None
        if is_new:
            obj = model(source_key=key)
        values = self.convert(model, key, raw)
        values.update(extra or {})
        changed = self.apply(obj, values, is_new, key)
        if isinstance(obj, PublicRecord) and is_new:
            obj.status = "published"
            obj.published_at = utcnow()
        if is_new and "slug" in inspect(model).columns and not getattr(obj, "slug", None):
            obj.slug = self.make_slug(model, raw)
        db.session.add(obj)
        self.flush(key)
        if isinstance(obj, PublicRecord) and hasattr(obj, "council_id") and obj.council_id is None:
            self.place_in_council(obj, key)
        self.objects[key] = obj
        self.outcome[key] = "created" if is_new else "updated" if changed else "unchanged"
        self.report.bump(self.outcome[key], section)
        before = self.report.changed
        for rec in raw.get("recommendations") or []:
            self.load_record("recommendations", Recommendation, rec, {"supervision": obj})
        # The revision is taken after the rows, so the record's first version holds its recommendations.
        if isinstance(obj, PublicRecord) and (is_new or changed or self.report.changed > before):
            if LATER & set(raw):
                self.revise_later.add(key)
            else:
                record_revision(obj, None, "Nạp dữ liệu khởi tạo từ báo cáo năm 2020")
        return obj

    def place_in_council(self, obj, key: str) -> None:
        # A council is its own; everything else belongs to the council the file names at its top.
        if isinstance(obj, Organization) and obj.kind == "council":
            obj.council_id = obj.id
        elif self.data.get("council") in self.objects:
            obj.council_id = self.objects[self.data["council"]].id
        else:
            return
        self.flush(key)

    def flush(self, key: str) -> None:
        try:
            db.session.flush()
        except IntegrityError as exc:
            raise SeedError(f"{key}: dữ liệu vi phạm ràng buộc ({exc.orig})") from exc

    def convert(self, model: type, key: str, raw: dict) -> dict:
        mapper = inspect(model)
        values = {}
        for name, value in raw.items():
            if name in SPECIAL:
                continue
            attr = RENAMED.get(name, name)
            if attr in mapper.relationships:
                values[attr] = self.resolve(key, name, value)
            elif attr in mapper.columns:
                values[attr] = self.coerce(key, name, mapper.columns[attr].type, value)
            else:
                raise SeedError(f"{key}: trường không hợp lệ '{name}'")
        if "body_file" in raw:
            path = self.data_dir / raw["body_file"]
            if not path.is_file():
                raise SeedError(f"{key}: trường 'body_file': không tìm thấy tệp {raw['body_file']}")
            values["body_text"] = path.read_text(encoding="utf-8")
        return values

    def resolve(self, key: str, name: str, value):
        if isinstance(value, list):
            return [self.resolve(key, name, v) for v in value]
        if not isinstance(value, str) or value not in self.objects:
            raise SeedError(f"{key}: trường '{name}': không tìm thấy bản ghi '{value}'")
        return self.objects[value]

    @staticmethod
    def coerce(key: str, name: str, column_type, value):
        if value is None:
            return None
        try:
            if isinstance(column_type, Date):
                return value if isinstance(value, date) else date.fromisoformat(str(value))
            if isinstance(column_type, Numeric):
                return Decimal(str(value))
            if isinstance(column_type, Integer):
                if isinstance(value, bool) or int(value) != value:
                    raise ValueError(value)
                return int(value)
        except (ValueError, TypeError, InvalidOperation):
            raise SeedError(f"{key}: trường '{name}': giá trị không hợp lệ {value!r}") from None
        if isinstance(value, str):
            return " ".join(value.split()) if "\n" not in value else value
        return value

    @staticmethod
    def apply(obj, values: dict, is_new: bool, key: str) -> bool:
        changed = False
        for attr, value in values.items():
            current = getattr(obj, attr, None)
            if isinstance(current, list):
                if is_new or {id(o) for o in current} != {id(o) for o in value}:
                    setattr(obj, attr, value)
                    changed = changed or not is_new
            elif is_new or _differs(current, value):
                setattr(obj, attr, value)
                changed = changed or not is_new
        return changed

    def make_slug(self, model: type, raw: dict) -> str:
        text = next((raw[f] for f in TITLE_FIELDS if raw.get(f)), raw["key"])
        base = slugify(str(text), max_length=80, word_boundary=True) or slugify(raw["key"])
        used = self.used_slugs.setdefault(model.__tablename__, set())
        slug, n = base, 2
        while slug in used or db.session.scalar(select(model.id).where(model.slug == slug)):
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        return slug


def _differs(current, value) -> bool:
    if isinstance(current, Decimal) or isinstance(value, Decimal):
        return current is None or value is None or Decimal(current) != Decimal(value)
    if hasattr(current, "source_key") or hasattr(value, "source_key"):
        return current is not value
    return current != value


def read_seed(path: Path = SEED_FILE) -> dict:
    """Parse the YAML data file, naming the line of a syntax error."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SeedError(f"Tệp dữ liệu {path.name} không đọc được: {exc}") from exc
    if not isinstance(data, dict):
        raise SeedError(f"Tệp dữ liệu {path.name} phải là một bảng các mục")
    return data


def load_seed(path: Path = SEED_FILE) -> SeedReport:
    """Load the starter data in one transaction: all of it, or nothing and a SeedError."""
    data = read_seed(path)
    try:
        report = Loader(data, path.parent).run()
        if report.changed:
            audit("seed", None, path.name, {"created": report.created, "updated": report.updated})
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report
