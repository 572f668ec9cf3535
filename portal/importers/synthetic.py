"""Synthetic sample records of every public type, for benchmarks and load tests only (SPEC §10).

The text is generated from phrase banks of council language (petitions, supervision
conclusions, resolutions, response reports), with abbreviations and document numbers used
as real reports use them.  Every record is published and marked ``is_sample=True``; nothing
here is a real decision of any council.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    Area,
    Commitment,
    Document,
    Organization,
    Person,
    Petition,
    Resolution,
    Session,
    Supervision,
    Term,
    VoterMeetingRound,
)
from portal.models.base import utcnow
from portal.services.publishing import audit

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
SHARES = {"petition": 40, "document": 20, "resolution": 15, "supervision": 8, "person": 4,
          "commitment": 5, "organization": 3, "voter_meeting_round": 3, "session": 2}  # fmt: skip


class TextMaker:
    """Deterministic council sentences and paragraphs from the phrase banks."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def topic(self) -> str:
        return self.rng.choice(TOPICS).format(
            street=self.rng.choice(STREETS), area=self.area_label()
        )

    def area_label(self) -> str:
        return ("phường " if self.rng.random() < 0.6 else "xã ") + self.rng.choice(
            AREAS
        )

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
        out = [self.sentence() for _ in range(sentences)]
        return "\n\n".join(" ".join(out[i : i + 5]) for i in range(0, len(out), 5))


@dataclass
class Context:
    """Rows every generated record may refer to."""

    run: str
    council: Organization
    term: Term
    areas: list[Area]
    agencies: list[Organization]
    sessions: list[Session]
    rounds: list[VoterMeetingRound]
    offset: int = 0


def _base(run: str, rng: random.Random) -> Context:
    council = db.session.scalar(
        select(Organization).where(Organization.kind == "council")
    )
    if council is None:
        council = _sample(
            Organization(kind="council", name="HĐND mẫu (dữ liệu thử)"),
            f"{run}-council",
        )
    term = db.session.scalar(select(Term)) or Term(
        slug=f"mau-{run}-term",
        council=council,
        name="khóa mẫu",
        start_year=2016,
        end_year=2026,
    )
    areas = list(db.session.scalars(select(Area))) or [
        Area(slug=f"mau-{run}-area-{i}", kind="ward", name=name)
        for i, name in enumerate(AREAS)
    ]
    agencies = [
        _sample(
            Organization(kind="agency", name=f"{name} (mẫu {run})"), f"{run}-agency-{i}"
        )
        for i, name in enumerate(AGENCIES)
    ]
    db.session.add_all([council, term, *areas, *agencies])
    # Numbers continue after earlier runs so (council, number) stays unique.
    offset = 1000 + (
        db.session.scalar(select(func.count()).select_from(Resolution)) or 0
    )
    offset += db.session.scalar(select(func.count()).select_from(Commitment)) or 0
    return Context(run, council, term, areas, agencies, [], [], offset * 10)


def _sample(record, slug: str):
    record.slug = f"mau-{slug}"
    record.status = "published"
    record.published_at = utcnow()
    record.is_sample = True
    return record


def _make(kind: str, i: int, ctx: Context, text: TextMaker):
    rng, slug = text.rng, f"{ctx.run}-{kind}-{i}"
    day = text.day()
    if kind == "session":
        number = 100 + len(ctx.sessions) + 1
        record = Session(council=ctx.council, term=ctx.term, number=number, kind="regular",
                         ordinal_name=f"mẫu {number}", name=f"Kỳ họp mẫu số {number} (dữ liệu thử)",
                         start_date=day, end_date=day, summary=text.paragraphs(12))  # fmt: skip
        ctx.sessions.append(record)
    elif kind == "voter_meeting_round":
        record = VoterMeetingRound(council=ctx.council, relation=rng.choice(["before", "after"]),
                                   session=rng.choice(ctx.sessions), start_date=day, end_date=day,
                                   name=f"Đợt tiếp xúc cử tri mẫu {i}", note=text.paragraphs(10))  # fmt: skip
        ctx.rounds.append(record)
    elif kind == "petition":
        record = Petition(round=rng.choice(ctx.rounds), area=rng.choice(ctx.areas),
                          text=text.paragraphs(rng.randrange(3, 12)),
                          responsible_agency=rng.choice(ctx.agencies),
                          petition_status=rng.choice(["resolved", "explained", "in_progress", "scheduled"]),
                          response_text=text.paragraphs(rng.randrange(2, 8)), answered_on=day)  # fmt: skip
    elif kind == "resolution":
        record = Resolution(council=ctx.council, session=rng.choice(ctx.sessions), adopted_on=day,
                            number=f"{ctx.offset + i}/NQ-HĐND", validity=rng.choice(["in_force", "expired"]),
                            title=f"Nghị quyết về {text.topic()} (mẫu)", topic="Mẫu",
                            body_text=text.paragraphs(rng.randrange(20, 70)))  # fmt: skip
    elif kind == "document":
        record = Document(kind=rng.choice(["report", "notice", "response_report"]), issued_on=day,
                          number=f"{ctx.offset + i}/BC-UBND", issuer=rng.choice(ctx.agencies),
                          title=f"Báo cáo kết quả giải quyết {text.topic()} (mẫu)",
                          body_text=text.paragraphs(rng.randrange(30, 90)))  # fmt: skip
    elif kind == "supervision":
        record = Supervision(body=ctx.council, kind=rng.choice(["thematic", "regular", "inspection"]),
                             year=day.year, subject=f"Giám sát {text.topic()} (mẫu)",
                             conclusion_text=text.paragraphs(rng.randrange(10, 40)))  # fmt: skip
        record.targets = [rng.choice(ctx.agencies)]
    elif kind == "commitment":
        record = Commitment(council=ctx.council, year=2021 + i % 5, number=ctx.offset + i,
                            text=text.paragraphs(rng.randrange(2, 6)))  # fmt: skip
    elif kind == "person":
        record = Person(
            name=f"Người mẫu {ctx.run} số {i}", honorific=rng.choice(["ông", "bà"])
        )
    else:
        record = Organization(kind="agency", name=f"Cơ quan mẫu {i}: {rng.choice(AGENCIES)}",
                              description=text.paragraphs(4))  # fmt: skip
    return _sample(record, slug)


def plan(count: int) -> list[str]:
    """Return the record kinds to create for count records, parents first."""
    total = sum(SHARES.values())
    kinds = {kind: max(1, count * share // total) for kind, share in SHARES.items()}
    kinds["petition"] += max(0, count - sum(kinds.values()))
    order = [
        "session",
        "voter_meeting_round",
        *[k for k in SHARES if k not in ("session", "voter_meeting_round")],
    ]
    return [kind for kind in order for _ in range(kinds[kind])]


def generate(count: int, seed: int = 2020, batch: int = 1000) -> int:
    """Add about count published sample records of every type; return how many were added."""
    rng = random.Random(seed)
    ctx = _base(f"{int(time.time()):x}{rng.randrange(4096):03x}", rng)
    text = TextMaker(rng)
    made = 0
    for i, kind in enumerate(plan(count)):
        db.session.add(_make(kind, i, ctx, text))
        made += 1
        if made % batch == 0:
            db.session.commit()
    audit("demo_synthetic", None, detail={"count": made, "run": ctx.run})
    db.session.commit()
    return made
