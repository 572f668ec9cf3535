"""Find Vietnamese words in an English page outside elements marked lang="vi" (issue 15, item 3)."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

# Letters only Vietnamese uses among the page's languages: đ, the horn and breve vowels, and any vowel
# with a tone mark (decomposed, a combining grave, acute, hook, tilde or dot below).
VIETNAMESE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323", "\u031b", "\u0306", "\u0302"}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# What a reader typed or a document says, quoted (“giải phóng mặt bằng”), is not the page's wording; nor are
# abbreviations (HĐND, UBND), which English texts about the council keep.
QUOTED = re.compile(r"“[^”]*”")
# Proper names written the Vietnamese way in English too (the city, its wards and communes).
NAMES = {
    "Lạng",
    "Sơn",
    "Đông",
    "Kinh",
    "Chi",
    "Lăng",
    "Hoàng",
    "Đồng",
    "Tam",
    "Thanh",
    "Vĩnh",
    "Trại",
    "Mai",
    "Pha",
    "Quảng",
    "Lạc",
    "Hợp",
    "Tân",
    "Yên",
    "Trạch",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = {"script", "style", "template", "title"}
# Attributes a reader sees or hears.
READ_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


def is_vietnamese(word: str) -> bool:
    if "đ" in word.lower():
        return True
    return any(c in VIETNAMESE_MARKS for c in unicodedata.normalize("NFD", word))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside Vietnamese content)
        self.found: list[str] = []

    def _vi(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        vi = lang.startswith("vi") if lang is not None else self._vi()
        if not vi:
            for name in READ_ATTRIBUTES:
                if attrs.get(name):
                    self._check(attrs[name], f"@{name}")
        if tag not in VOID:
            self.stack.append((tag, vi or tag in SKIPPED))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if not self._vi():
            self._check(data, "")

    def _check(self, text: str, where: str) -> None:
        unquoted = QUOTED.sub("", text)
        words = [w for w in WORD.findall(unquoted) if is_vietnamese(w) and w not in NAMES and not w.isupper()]
        if words:
            self.found.append(f"{where}{' '.join(text.split())[:120]}")


def vietnamese_outside_lang_vi(html: str) -> list[str]:
    """The text pieces (and read attributes) holding Vietnamese words outside lang="vi" elements."""
    collector = _Collector()
    collector.feed(html)
    return collector.found


# Where a chart speaks in the page's own words (issue 15): its reading, its notes, its table's caption and
# column headings, and the words drawn in its SVG. Record content (a body's or a round's name) may appear
# there only inline, as <span class="record" lang="vi">, never as a wrapper around the chart's own words.
def _chart_zone(tag: str, classes: set[str], stack: list[tuple[str, set[str], str]]) -> str | None:
    tags = [t for t, _, _ in stack]
    in_chart = any("chart" in c for _, c, _ in stack)
    in_table = any("chart-table" in c for _, c, _ in stack)
    if "chart-reading" in classes:
        return "reading"
    if in_chart and tag == "p" and "note" in classes and not in_table:
        return "note"
    if in_table and (tag in ("caption", "thead") or "table-caption" in classes):
        return "caption" if tag != "thead" else "thead"
    if tag == "text" and "svg" in tags:
        return "svg"
    return None


class _ChartCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, set[str], str]] = []  # (tag, classes, zone)
        self.faults: list[str] = []
        self.records: list[str] = []  # record content in the tables' bodies
        self.svg_vi: list[str] = []
        self._record_depth: int | None = None
        self._svg_vi_open = False
        self._tbody = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        zone = self.stack[-1][2] if self.stack and self.stack[-1][2] else None
        if zone is None:
            zone = _chart_zone(tag, classes, self.stack) or ""
        if tag == "tbody":
            self._tbody += 1
        if attrs.get("lang", "").startswith("vi"):
            if zone == "svg":
                self._svg_vi_open = True
            elif zone and not (tag == "span" and "record" in classes):
                self.faults.append(f'{zone}: <{tag} lang="vi">')
            elif zone:
                self._record_depth = len(self.stack)
        if tag not in VOID:
            self.stack.append((tag, classes, zone))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag == "tbody":
            self._tbody -= 1
        if self._record_depth is not None and len(self.stack) <= self._record_depth:
            self._record_depth = None
        if tag == "text":
            self._svg_vi_open = False

    def handle_data(self, data):
        zone = self.stack[-1][2] if self.stack else ""
        text = " ".join(data.split())
        if self._tbody and text:
            self.records.append(text)
        if not zone or not text:
            return
        if zone == "svg":
            if self._svg_vi_open:
                self.svg_vi.append(text)
            elif is_vietnamese_text(text):
                self.faults.append(f"svg: {text}")
        elif self._record_depth is None and is_vietnamese_text(text):
            self.faults.append(f"{zone}: {text[:120]}")


def is_vietnamese_text(text: str) -> bool:
    words = WORD.findall(QUOTED.sub("", text))
    return any(is_vietnamese(w) and w not in NAMES and not w.isupper() for w in words)


def vietnamese_in_chart_words(html: str) -> list[str]:
    """Vietnamese (or lang="vi" wrappers) in the chart text of an English page: readings, notes, table captions
    and headings, and the SVG's words other than the names of the records the table lists."""
    collector = _ChartCollector()
    collector.feed(html)
    records = " ".join(collector.records)
    return collector.faults + [f"svg: {t}" for t in collector.svg_vi if t not in records]
