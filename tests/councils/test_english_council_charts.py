"""Charts complete in English on every council's section pages, a council without figures among them
(issue 15, item 3; tests/public/test_english_charts.py runs the single-council site)."""

from __future__ import annotations

from tests.public.test_english_charts import assert_chart_words_are_english, chart_pages


def test_every_council_s_chart_words_in_english_are_english(client):
    assert len([p for p in chart_pages(client) if p.endswith("/statistics")]) >= 3
    assert_chart_words_are_english(client)
