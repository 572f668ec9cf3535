"""The API's resources: one entry per public type names its list spec and serializer.

Routes (views.py), the OpenAPI document (openapi.py), the docs page and the tests all read this
registry, so a type added here is routed, documented and tested together.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.api import serializers as s
from portal.api.fields import Serializer
from portal.services.listing import SPECS, ListSpec


@dataclass(frozen=True)
class Resource:
    name: str
    serializer: Serializer
    title: str
    description: str

    @property
    def spec(self) -> ListSpec:
        return SPECS[self.name]

    @property
    def model(self) -> type:
        return self.spec.model

    @property
    def endpoint(self) -> str:
        return self.name.replace("-", "_")


RESOURCES: dict[str, Resource] = {r.name: r for r in (
    Resource("sessions", s.SESSIONS, "Kỳ họp", "Kỳ họp HĐND: thời gian, hình thức, chất vấn, giải trình."),
    Resource("resolutions", s.RESOLUTIONS, "Nghị quyết", "Nghị quyết HĐND thông qua tại các kỳ họp."),
    Resource("supervisions", s.SUPERVISIONS, "Giám sát",
             "Giám sát chuyên đề, thường xuyên, tại kỳ họp; kiểm tra, khảo sát; kiến nghị sau giám sát."),
    Resource("petitions", s.PETITIONS, "Kiến nghị cử tri",
             "Từng ý kiến, kiến nghị của cử tri và kết quả giải quyết (không có thông tin cá nhân)."),
    Resource("voter-meetings", s.VOTER_MEETINGS, "Tiếp xúc cử tri",
             "Các đợt tiếp xúc cử tri trước và sau kỳ họp, số cử tri, số ý kiến và kết quả."),
    Resource("documents", s.DOCUMENTS, "Văn bản", "Báo cáo, thông báo, văn bản nguồn của mọi số liệu."),
    Resource("organizations", s.ORGANIZATIONS, "Cơ quan, tổ chức",
             "HĐND, Thường trực, các Ban, Tổ đại biểu, UBND và các cơ quan liên quan."),
    Resource("people", s.PEOPLE, "Nhân sự", "Người giữ chức danh và thay đổi nhân sự."),
    Resource("budget", s.BUDGET, "Ngân sách",
             "Thu, chi ngân sách so với dự toán tỉnh giao, dự toán HĐND giao và cùng kỳ."),
    Resource("reception", s.RECEPTION, "Tiếp công dân", "Số liệu tổng hợp tiếp công dân."),
    Resource("letters", s.LETTERS, "Đơn thư", "Số liệu tổng hợp đơn thư khiếu nại, tố cáo, kiến nghị."),
    Resource("programme", s.PROGRAMME, "Chương trình hoạt động", "Nhiệm vụ trong chương trình hoạt động năm."),
)}
