"""Charts: pure functions from query rows to plotly Figures, with their tables and readings."""

from portal.vocabulary import N_

TITLES = {
    "sessions": N_("Nghị quyết thông qua tại các kỳ họp"),
    "questioning": N_("Chất vấn và giải trình tại kỳ họp"),
    "supervision": N_("Giám sát, kiểm tra theo cơ quan"),
    "supervision_listed": N_("Các cuộc giám sát, kiểm tra được nêu cụ thể"),
    "voter_funnel": N_("Tiếp xúc cử tri: từ cử tri dự đến kiến nghị chuyển đi"),
    "petition_outcomes": N_("Kết quả giải quyết kiến nghị cử tri"),
    "letters": N_("Đơn thư: tiếp nhận, giải quyết, so với năm trước"),
    "reception": N_("Tiếp công dân: lượt công dân và nội dung"),
    "budget_amounts": N_("Thu, chi ngân sách (triệu đồng)"),
    "budget_percentages": N_("Tỷ lệ thực hiện so với dự toán và cùng kỳ"),
    "budget_bases": N_("Dự toán tính ngược từ tỷ lệ (≈)"),
    "councils": N_("Kỳ họp và nghị quyết của từng Hội đồng nhân dân"),
}
