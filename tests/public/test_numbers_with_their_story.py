"""Numbers with their story (issue 15, item 5): an outcome that sums two rounds says so with its parts and
links to both rounds; the budget reconciliation asks what could explain a gap instead of concluding."""

from __future__ import annotations

import re


def how_counted(html: str) -> str:
    block = re.search(r'<p class="how-counted">(.*?)</p>', html, re.S)
    assert block, "no 'how this is counted' line"
    return block.group(1)


def test_the_outcome_total_shows_its_two_rounds(client):
    for url in ("/petitions", "/voter-meetings/tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-ba"):
        line = how_counted(client.get(url).get_data(as_text=True))
        text = " ".join(re.sub(r"<[^>]+>", "", line).split())
        assert "45 = 26 + 19" in text, (url, text)
        assert 'href="/voter-meetings/tiep-xuc-cu-tri-truoc-ky-hop-thu-muoi-ba"' in line
        assert 'href="/voter-meetings/tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-ba"' in line


def test_the_budget_gap_comes_with_questions_not_a_conclusion(client):
    page = client.get("/budget").get_data(as_text=True)
    assert "Điều gì có thể giải thích chênh lệch?" in page
    assert "Dự toán có được điều chỉnh, bổ sung trong năm không?" in page
    assert "Hai số có tính trên cùng phạm vi không" in page
    assert "cổng không kết luận" in page
