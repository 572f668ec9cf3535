"""Synthetic sample records of every public type, for benchmarks and load tests only (SPEC §10).

The text is generated from phrase banks of council language (petitions, supervision
conclusions, resolutions, response reports), with abbreviations and document numbers used
as real reports use them.  Every record is published and marked ``is_sample=True``; nothing
here is a real decision of any council.

They belong to a sample province made for the run: a province council and ``councils`` commune
councils under it, each with its own sample commune, all marked sample; no sample record is ever
attached to a real council, area or body.

Records are written in batches with SQLAlchemy's bulk ``insert()`` (one statement per batch and
table, through the same database constraints), each with a revision and an audit row marked as
sample data; the search index is rebuilt once at the end by the command, not row by row.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from sqlalchemy import func, insert, inspect, select, update
from sqlalchemy.orm import Session as OrmSession

from portal.extensions import db
from portal.models import (
    Area,
    AuditEvent,
    Commitment,
    Document,
    Organization,
    Person,
    Petition,
    Resolution,
    Revision,
    Session,
    Supervision,
    Term,
    VoterMeetingRound,
    organization_successors,
)
from portal.models.base import utcnow
from portal.models.supervision import supervision_targets
from portal.services.publishing import audit
from portal.services.snapshots import SKIPPED, child_rows_of, to_json_value

AREAS = ["Hoàng Văn Thụ", "Tam Thanh", "Vĩnh Trại", "Đông Kinh", "Chi Lăng", "Mai Pha",
         "Hoàng Đồng", "Quảng Lạc"]  # fmt: skip
STREETS = ["Bà Triệu", "Lê Lợi", "Trần Đăng Ninh", "Hùng Vương", "Bắc Sơn", "Tông Đản",
           "Ngô Quyền", "Lý Thái Tổ", "Phai Vệ", "Mỹ Sơn", "Nhị Thanh", "Tam Thanh"]  # fmt: skip
AGENCIES = ["UBND thành phố", "Phòng Tài nguyên và Môi trường", "Phòng Quản lý đô thị",
            "Ban Quản lý dự án đầu tư xây dựng thành phố", "Phòng Tài chính - Kế hoạch",
            "Phòng Lao động - Thương binh và Xã hội", "Phòng Giáo dục và Đào tạo",
            "Phòng Văn hóa - Thông tin", "Công an thành phố", "Điện lực thành phố"]  # fmt: skip
TOPICS = ["giải phóng mặt bằng dự án đường {street}", "xây dựng nông thôn mới",
          "thu ngân sách nhà nước trên địa bàn", "cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình",
          "quản lý trật tự đô thị, lấn chiếm vỉa hè tại đường {street}", "vệ sinh an toàn thực phẩm",
          "cải cách hành chính, xây dựng chính quyền", "hệ thống thoát nước khu dân cư {area}",
          "chiếu sáng đô thị tại đường {street}", "bố trí tái định cư cho các hộ bị ảnh hưởng",
          "an toàn giao thông tại nút giao {street}", "phòng, chống dịch bệnh Covid-19",
          "chuyển đổi cơ cấu cây trồng, vật nuôi", "kế hoạch đầu tư công trung hạn",
          "điều chỉnh quy hoạch xây dựng khu {area}", "xử lý rác thải sinh hoạt",
          "sửa chữa trường học, cơ sở vật chất giáo dục", "chi trả chế độ cho đối tượng chính sách",
          "bồi thường, hỗ trợ khi Nhà nước thu hồi đất", "nâng cấp đường giao thông nông thôn"]  # fmt: skip
ACTIONS = ["sớm giải quyết dứt điểm", "quan tâm đầu tư", "kiểm tra, xử lý", "xem xét, hỗ trợ",
           "chỉ đạo khắc phục", "công khai tiến độ"]  # fmt: skip
PROBLEMS = ["tiến độ triển khai còn chậm", "công tác phối hợp giữa các cơ quan chưa chặt chẽ",
            "việc tuyên truyền, vận động nhân dân chưa thường xuyên",
            "hồ sơ, thủ tục còn phải bổ sung nhiều lần", "nguồn vốn bố trí chưa kịp thời",
            "một số hộ gia đình chưa đồng thuận với phương án bồi thường"]  # fmt: skip
FRAMES = [
    "Cử tri {area} phản ánh {topic} và đề nghị {agency} {action}.",
    "{agency} đã chỉ đạo các cơ quan chuyên môn kiểm tra, rà soát và đề xuất phương án giải quyết {topic}.",
    "Thường trực HĐND thành phố đề nghị {agency} tập trung chỉ đạo {topic}, báo cáo kết quả tại kỳ họp thứ {ordinal}.",
    "Qua giám sát cho thấy {topic} còn một số tồn tại, hạn chế như {problem}.",
    "Theo Báo cáo số {number}/BC-UBND ngày {day}, {agency} đã giải quyết xong {count} ý kiến, kiến nghị của cử tri về {topic}.",
    "Tại buổi TXCT, đại biểu Hội đồng nhân dân đã tiếp thu, giải trình, làm rõ các ý kiến về {topic}.",
    "UBND thành phố giao {agency} chủ trì, phối hợp với UBND {area} thực hiện {topic}; thời gian hoàn thành trong quý {quarter} năm {year}.",
    "Ban Kinh tế - Xã hội HĐND thành phố kiến nghị {agency} {action} {topic} để bảo đảm quyền lợi hợp pháp của nhân dân.",
    "Công tác GPMB, NTM và {topic} được HĐND thành phố giám sát thường xuyên trong năm {year}.",
    "Thực hiện Nghị quyết số {number}/NQ-HĐND, {agency} đã triển khai {topic} đạt {count}% kế hoạch.",
]  # fmt: skip
ORDINALS = ["thứ Nhất", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "thứ Tám",
            "thứ Chín", "thứ Mười", "thứ Mười một", "thứ Mười hai", "thứ Mười ba", "thứ Mười bốn"]  # fmt: skip
BATCH = 2000
# Sentences are drawn from a pool made once per run: formatting every sentence anew cost ~40 µs
# each, two minutes for the 2.6 million sentences of 100k records.
POOL_SIZE = 20_000
REVISION_NOTE = "Tạo mới (dữ liệu mẫu)"
SHARES = {"petition": 40, "document": 20, "resolution": 15, "supervision": 8, "person": 4,
          "commitment": 5, "organization": 3, "voter_meeting_round": 3, "session": 2}  # fmt: skip


class TextMaker:
    """Deterministic council sentences and paragraphs from the phrase banks."""

    def __init__(self, rng: random.Random, pool_size: int = POOL_SIZE) -> None:
        self.rng = rng
        self.pool = [self.sentence() for _ in range(pool_size)]

    def topic(self) -> str:
        return self.rng.choice(TOPICS).format(street=self.rng.choice(STREETS), area=self.area_label())

    def area_label(self) -> str:
        return ("phường " if self.rng.random() < 0.6 else "xã ") + self.rng.choice(AREAS)

    def day(self) -> date:
        return date(2016, 1, 1) + timedelta(days=self.rng.randrange(3650))

    def sentence(self) -> str:
        day = self.day()
        return self.rng.choice(FRAMES).format(
            area=self.area_label(), topic=self.topic(), agency=self.rng.choice(AGENCIES),
            action=self.rng.choice(ACTIONS), problem=self.rng.choice(PROBLEMS),
            ordinal=self.rng.choice(ORDINALS), number=self.rng.randrange(1, 2000),
            day=f"{day.day}/{day.month}/{day.year}", count=self.rng.randrange(2, 99),
            quarter=self.rng.choice(["I", "II", "III", "IV"]), year=day.year,
        )  # fmt: skip

    def paragraphs(self, sentences: int) -> str:
        out = self.rng.choices(self.pool, k=sentences)
        return "\n\n".join(" ".join(out[i : i + 5]) for i in range(0, len(out), 5))


@dataclass
class Context:
    """Ids every generated record may refer to."""

    run: str
    province_id: int
    council_ids: list[int]  # the councils records are spread over (the communes', else the province's)
    term_of: dict[int, int]  # council -> its sample term
    area_of: dict[int, int]  # council -> its sample commune
    agency_ids: list[int] = field(default_factory=list)
    session_ids: list[int] = field(default_factory=list)
    session_council: list[int] = field(default_factory=list)
    round_ids: list[int] = field(default_factory=list)
    round_council: list[int] = field(default_factory=list)
    offset: int = 0


@cache
def _columns(model) -> tuple[list[str], list[tuple[str, object]]]:
    """The snapshot keys of a model (as ``snapshots.snapshot`` takes them) and its scalar Python defaults."""
    keys, defaults = [], []
    for attr in inspect(model).column_attrs:
        if attr.key not in SKIPPED:
            keys.append(attr.key)
        default = attr.columns[0].default
        if default is not None and default.is_scalar:
            defaults.append((attr.key, default.arg))
    return keys, defaults


class BulkWriter:
    """Inserts published sample records in batches, each with its revision and audit row."""

    def __init__(self, session: OrmSession, run: str) -> None:
        self.session, self.run, self.made = session, run, 0
        self.written: list[str] = []  # the search keys of the records inserted since the last take()

    def take(self) -> list[str]:
        """Return the search keys (``type:id``) of the records inserted since the last call."""
        keys, self.written = self.written, []
        return keys

    def _insert_rows(self, model, rows: list[dict]) -> list[int]:
        """Insert the rows; return their ids in order.

        On PostgreSQL one batched INSERT … RETURNING keeps the order. SQLite cannot promise the order
        of a batch's RETURNING rows, so SQLAlchemy would send one statement per row: there the first row
        is inserted alone (from then on this transaction holds SQLite's write lock, so no other writer
        can take an id) and the others get the ids that follow it, in one executemany."""
        if self.session.get_bind().dialect.name != "sqlite":
            return list(
                self.session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), rows)
            )
        first = self.session.scalars(insert(model).returning(model.id), rows[:1]).one()
        ids = list(range(first, first + len(rows)))
        for row, record_id in zip(rows[1:], ids[1:], strict=True):
            row["id"] = record_id
        if len(rows) > 1:
            self.session.execute(insert(model), rows[1:])
        return ids

    def insert(self, model, rows: list[dict]) -> list[int]:
        """Insert rows of one model (one statement per table); return their ids in order."""
        if not rows:
            return []
        keys, defaults = _columns(model)
        now = utcnow()
        for row in rows:
            row.update(status="published", published_at=now, is_sample=True, created_at=now, updated_at=now)
            for key, value in defaults:
                row.setdefault(key, value)
        ids = self._insert_rows(model, rows)
        kind = model.public_type
        # Sample records are written without child rows, so their snapshots hold empty row lists.
        no_rows = {child.attribute: [] for child in child_rows_of(kind)}
        revisions, events = [], []
        councils = []
        for row, record_id in zip(rows, ids, strict=True):
            row["id"] = record_id
            if model is Organization and row.get("kind") == "council" and row.get("council_id") is None:
                row["council_id"] = record_id  # a council is in its own scope, as the office's save gives it
                councils.append(record_id)
            revisions.append({"record_type": kind, "record_id": record_id, "author_id": None, "at": now,
                              "snapshot": {**{key: to_json_value(row.get(key)) for key in keys}, **no_rows},
                              "note": REVISION_NOTE})  # fmt: skip
            events.append({"action": "create", "actor_id": None, "target": f"{kind}:{row['slug']}",
                           "at": now, "detail": {"is_sample": True, "run": self.run}})  # fmt: skip
        if councils:
            self.session.execute(
                update(Organization).where(Organization.id.in_(councils)).values(council_id=Organization.id)
            )
        self.session.execute(insert(Revision), revisions)
        self.session.execute(insert(AuditEvent), events)
        self.made += len(rows)
        self.written += [f"{kind}:{record_id}" for record_id in ids]
        return ids


def _province(run: str, councils: int, writer: BulkWriter) -> tuple[int, list[int], dict[int, int]]:
    """A sample province council and `councils` commune councils under it, each with its commune."""
    areas = [Area(slug=f"mau-{run}-xa-{k}", kind="commune", name=f"Mẫu {k} (dữ liệu mẫu)")
             for k in range(1, councils + 1)]  # fmt: skip
    db.session.add_all(areas)
    db.session.flush()
    province = writer.insert(Organization, [{"kind": "council", "name": "HĐND tỉnh mẫu (dữ liệu mẫu)",
                                             "short_name": "HĐND tỉnh mẫu", "slug": f"mau-{run}-hdnd-tinh"}])[0]  # fmt: skip
    communes = writer.insert(Organization, [
        {"kind": "council", "name": f"HĐND xã Mẫu {k} (dữ liệu mẫu)", "short_name": f"HĐND xã Mẫu {k}",
         "slug": f"mau-{run}-hdnd-xa-{k}", "parent_id": province, "area_id": area.id}
        for k, area in enumerate(areas, 1)
    ])  # fmt: skip
    # A council is in its own scope (council_id = itself), as the office's save gives a new one.
    db.session.execute(
        update(Organization)
        .where(Organization.id.in_([province, *communes]))
        .values(council_id=Organization.id)
    )
    if communes:
        _ended_district(run, province, communes[:3], writer)
    return province, communes, {council: area.id for council, area in zip(communes, areas, strict=True)}


def _ended_district(run: str, province: int, successors: list[int], writer: BulkWriter) -> None:
    """A sample district council that ended on 1/7/2025, its work taken over by the first sample communes
    (several, as a district's was in 2025), on a sample basis document (the portal's archive and its banner
    at scale; all marked sample)."""
    ended = writer.insert(Organization, [{"kind": "council", "name": "HĐND huyện Mẫu (dữ liệu mẫu)",
        "short_name": "HĐND huyện Mẫu", "slug": f"mau-{run}-hdnd-huyen", "parent_id": province,
        "dissolved_on": date(2025, 7, 1),
        "dissolution_note": "Dữ liệu mẫu: Hội đồng và văn bản căn cứ đều không có thật."}])[0]  # fmt: skip
    basis = writer.insert(Document, [{"kind": "resolution", "council_id": ended,
        "title": "Nghị quyết mẫu về sắp xếp đơn vị hành chính (dữ liệu mẫu)", "slug": f"mau-{run}-nq-sap-xep",
        "note": "Dữ liệu mẫu: không phải văn bản thật."}])[0]  # fmt: skip
    db.session.execute(
        update(Organization).where(Organization.id == ended).values(dissolution_document_id=basis)
    )
    db.session.execute(
        insert(organization_successors), [{"organization_id": ended, "successor_id": s} for s in successors]
    )


def _base(run: str, councils: int, writer: BulkWriter, into: str | None = None) -> Context:
    if into is None:
        province, communes, area_of = _province(run, councils, writer)
    else:  # the scale tests of a single-council site: its own council holds the sample records
        province = db.session.scalar(select(Organization.id).where(Organization.slug == into))
        communes, area_of = [], {}
    spread = communes or [province]
    if not communes:
        area = Area(slug=f"mau-{run}-xa-0", kind="commune", name="Mẫu (dữ liệu mẫu)")
        db.session.add(area)
        db.session.flush()
        area_of = {province: area.id}
    terms = {c: Term(slug=f"mau-{run}-term-{c}", council_id=c, name="khóa mẫu", start_year=2016, end_year=2026)
             for c in spread}  # fmt: skip
    db.session.add_all(terms.values())
    db.session.flush()
    agencies = [{"kind": "agency", "name": f"{name} (mẫu {run})", "slug": f"mau-{run}-agency-{i}",
                 "parent_id": province, "council_id": province} for i, name in enumerate(AGENCIES)]  # fmt: skip
    ctx = Context(run, province, spread, {c: t.id for c, t in terms.items()}, area_of,
                  writer.insert(Organization, agencies))  # fmt: skip
    # Numbers continue after earlier runs so (council, number) stays unique.
    offset = 1000 + (db.session.scalar(select(func.count()).select_from(Resolution)) or 0)
    offset += db.session.scalar(select(func.count()).select_from(Commitment)) or 0
    ctx.offset = offset * 10
    return ctx


def _row(kind: str, i: int, ctx: Context, text: TextMaker) -> dict:
    """The column values of one sample record (``_target``: a supervision's target agency)."""
    rng = text.rng
    day = text.day()
    if kind == "session":
        number = 101 + i  # sessions come first in the plan
        council = ctx.council_ids[i % len(ctx.council_ids)]
        row = dict(council_id=council, term_id=ctx.term_of[council], number=number, kind="regular",
                   ordinal_name=f"mẫu {number}", name=f"Kỳ họp mẫu số {number} (dữ liệu thử)",
                   start_date=day, end_date=day, summary=text.paragraphs(12))  # fmt: skip
    elif kind == "voter_meeting_round":
        at = rng.randrange(len(ctx.session_ids))
        row = dict(council_id=ctx.session_council[at], relation=rng.choice(["before", "after"]),
                   session_id=ctx.session_ids[at], start_date=day, end_date=day,
                   name=f"Đợt tiếp xúc cử tri mẫu {i}", note=text.paragraphs(10))  # fmt: skip
    elif kind == "petition":
        at = rng.randrange(len(ctx.round_ids))
        row = dict(round_id=ctx.round_ids[at], council_id=ctx.round_council[at],
                   area_id=ctx.area_of[ctx.round_council[at]],
                   text=text.paragraphs(rng.randrange(3, 12)), responsible_agency_id=rng.choice(ctx.agency_ids),
                   petition_status=rng.choice(["resolved", "explained", "in_progress", "scheduled"]),
                   response_text=text.paragraphs(rng.randrange(2, 8)), answered_on=day)  # fmt: skip
    elif kind == "resolution":
        at = rng.randrange(len(ctx.session_ids))
        row = dict(council_id=ctx.session_council[at], session_id=ctx.session_ids[at], adopted_on=day,
                   number=f"{ctx.offset + i}/NQ-HĐND", validity=rng.choice(["in_force", "expired"]),
                   title=f"Nghị quyết về {text.topic()} (mẫu)", topic="Mẫu",
                   body_text=text.paragraphs(rng.randrange(20, 70)))  # fmt: skip
    elif kind == "document":
        row = dict(kind=rng.choice(["report", "notice", "response_report"]), issued_on=day,
                   number=f"{ctx.offset + i}/BC-UBND", issuer_id=rng.choice(ctx.agency_ids),
                   title=f"Báo cáo kết quả giải quyết {text.topic()} (mẫu)",
                   body_text=text.paragraphs(rng.randrange(30, 90)))  # fmt: skip
    elif kind == "supervision":
        body = rng.choice(ctx.council_ids)
        row = dict(body_id=body, council_id=body, kind=rng.choice(["thematic", "regular", "inspection"]),
                   year=day.year, subject=f"Giám sát {text.topic()} (mẫu)",
                   conclusion_text=text.paragraphs(rng.randrange(10, 40)),
                   _target=rng.choice(ctx.agency_ids))  # fmt: skip
    elif kind == "commitment":
        row = dict(council_id=ctx.council_ids[i % len(ctx.council_ids)], year=2021 + i % 5, number=ctx.offset + i,
                   text=text.paragraphs(rng.randrange(2, 6)))  # fmt: skip
    elif kind == "person":
        row = dict(name=f"Người mẫu {ctx.run} số {i}", honorific=rng.choice(["ông", "bà"]))
    else:
        parent = rng.choice(ctx.council_ids)
        row = dict(kind="agency", name=f"Cơ quan mẫu {i}: {rng.choice(AGENCIES)}", parent_id=parent,
                   council_id=parent, description=text.paragraphs(4))  # fmt: skip
    row["slug"] = f"mau-{ctx.run}-{kind}-{i}"
    # Bulk inserts pass no ORM hook: every record's council (the scope of the public site) is set here.
    row.setdefault("council_id", ctx.council_ids[i % len(ctx.council_ids)])
    return row


MODELS = {"session": Session, "voter_meeting_round": VoterMeetingRound, "petition": Petition,
          "document": Document, "resolution": Resolution, "supervision": Supervision, "person": Person,
          "commitment": Commitment, "organization": Organization}  # fmt: skip


def plan(count: int) -> list[tuple[str, int]]:
    """Return (kind, how many) for count records, parents first."""
    total = sum(SHARES.values())
    kinds = {kind: max(1, count * share // total) for kind, share in SHARES.items()}
    kinds["petition"] += max(0, count - sum(kinds.values()))
    order = [
        "session",
        "voter_meeting_round",
        *[k for k in SHARES if k not in ("session", "voter_meeting_round")],
    ]
    return [(kind, kinds[kind]) for kind in order]


def generate(
    count: int, seed: int = 2020, batch: int = BATCH, councils: int = 0, into: str | None = None
) -> int:
    """Add about count published sample records of every type to a new sample province with `councils`
    commune councils (none: the province council holds them); return how many records were added.

    `into` (a council's slug) puts them in that council instead: only the scale tests of a single-council
    site use it, to measure its pages with more records; `flask demo synthetic` never does."""
    for _keys in generate_in_batches(count, seed, batch, councils, into):
        pass
    return planned(count)


def planned(count: int) -> int:
    """Return how many records :func:`generate` adds for count."""
    return sum(how_many for _kind, how_many in plan(count))


def generate_in_batches(
    count: int, seed: int = 2020, batch: int = BATCH, councils: int = 0, into: str | None = None
) -> Iterator[list[str]]:
    """:func:`generate`, yielding after each committed batch the search keys of the records it added (so
    `flask demo synthetic` indexes one batch while it writes the next)."""
    rng = random.Random(seed)
    run = uuid.uuid4().hex[:11]  # unique per run even for the same seed within one second
    writer = BulkWriter(db.session, run)
    ctx = _base(run, councils, writer, into)
    text = TextMaker(rng, min(POOL_SIZE, max(200, 3 * count)))
    i = 0
    for kind, how_many in plan(count):
        model = MODELS[kind]
        for start in range(0, how_many, batch):
            rows = [_row(kind, i + n, ctx, text) for n in range(start, min(start + batch, how_many))]
            targets = [row.pop("_target", None) for row in rows]
            ids = writer.insert(model, rows)
            if kind == "session":
                ctx.session_ids += ids
                ctx.session_council += [row["council_id"] for row in rows]
            elif kind == "voter_meeting_round":
                ctx.round_ids += ids
                ctx.round_council += [row["council_id"] for row in rows]
            elif kind == "supervision":
                db.session.execute(insert(supervision_targets), [
                    {"supervision_id": sid, "organization_id": org} for sid, org in zip(ids, targets, strict=True)
                ])  # fmt: skip
            db.session.commit()
            yield writer.take()
        i += how_many
    # The inserts moved the data version themselves (portal/services/data_version.py listens to Core
    # statements too); the search index is rebuilt once by the command.
    detail = {"count": i, "run": run, "councils": councils, "is_sample": True}
    audit("demo_synthetic", None, detail=detail)
    db.session.commit()
    yield writer.take()
