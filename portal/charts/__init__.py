"""Charts: pure functions from query rows to plotly Figures, with their tables and readings."""

TITLES = {
    "sessions": "Nghị quyết thông qua tại các kỳ họp",
    "questioning": "Chất vấn và giải trình tại kỳ họp",
    "supervision": "Giám sát, kiểm tra theo cơ quan",
    "supervision_listed": "Các cuộc giám sát, kiểm tra được nêu cụ thể",
    "voter_funnel": "Tiếp xúc cử tri: từ cử tri dự đến kiến nghị chuyển đi",
    "petition_outcomes": "Kết quả giải quyết kiến nghị cử tri",
    "letters": "Đơn thư: tiếp nhận, giải quyết, so với năm trước",
    "reception": "Tiếp công dân: lượt công dân và nội dung",
    "budget_amounts": "Thu, chi ngân sách (triệu đồng)",
    "budget_percentages": "Tỷ lệ thực hiện so với dự toán và cùng kỳ",
    "budget_bases": "Dự toán tính ngược từ tỷ lệ (≈)",
}
