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
