"""Extra search documents for the contract suite: the tricky cases the starter data lacks."""

from __future__ import annotations

import unicodedata

from portal.search.base import SearchDocument


def doc(key: str, title: str, text: str, date: str = "2021-03-01", **facets) -> SearchDocument:
    record_type, _, raw_id = key.partition(":")
    return SearchDocument(
        key=key,
        type=record_type,
        id=int(raw_id),
        slug=f"contract-{raw_id}",
        title=title,
        text=f"{title}\n{text}",
        date=date,
        facets={"type": record_type, "year": date[:4], **facets},
        version=f"v-{raw_id}",
    )


EXTRA_DOCUMENTS = [
    doc("petition:9001", "Hòa giải ở cơ sở tại phường Tam Thanh",
        "Cử tri đề nghị tăng cường công tác hoà giải ở cơ sở và xử lý nước thải sinh hoạt."),
    doc("petition:9002", "Thuỷ lợi nội đồng xã Mai Pha",
        "Cử tri đề nghị nạo vét kênh mương thủy lợi phục vụ sản xuất vụ xuân."),
    doc("petition:9003", "Kế hoạch đầu tư công của phường",
        "Cử tri hỏi về kế hoạch đầu tư công trung hạn của phường.", area="mai-pha"),
    doc("petition:9004", "Ke hoach dau tu cong (ban go khong dau)",
        "Cu tri hoi ve ke hoach dau tu cong cua xa, van ban go khong dau."),
    doc("petition:9005", "Thoát nước đô thị",
        "Tình trạng ngập úng do hệ thống thoát nước <script>alert('x')</script> & cống rãnh xuống cấp."),
    doc("petition:9006", "Trật tự đô thị tại phố Lê Lợi",
        "Cử tri phản ánh tình trạng lấn chiếm vỉa hè, ảnh hưởng trật tự đô thị."),
    doc("petition:9007", "Đô thị và trật tự",
        "Đô thị phát triển nhanh nhưng trật tự xây dựng còn bất cập."),
    doc("petition:9008", "Ủy ban nhân dân phường trả lời cử tri",
        "Ủy ban nhân dân phường Đông Kinh đã trả lời cử tri về chiếu sáng ngõ phố."),
    doc("petition:9009", "Đề nghị UBND tỉnh hỗ trợ",
        "Cử tri đề nghị UBND tỉnh hỗ trợ kinh phí sửa chữa nhà văn hóa khối phố."),
    doc("document:9010", unicodedata.normalize("NFD", "Báo cáo thẩm tra quyết toán"),
        unicodedata.normalize("NFD", "Ban Kinh tế - Xã hội thẩm tra quyết toán ngân sách năm 2019."),
        date="2019-12-01"),
]  # fmt: skip
