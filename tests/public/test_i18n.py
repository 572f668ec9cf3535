"""Vietnamese first, English complete: the catalogue covers every UI string and the choice sticks."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from babel.support import Translations

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "portal" / "translations" / "en" / "LC_MESSAGES"
METHODS = [("portal/**.py", "python"), ("templates/**.html", "jinja2")]


def _extracted_ids() -> set[str]:
    ids = set()
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT),
        METHODS,
        keywords={"_": None, "gettext": None, "N_": None},
        directory_filter=lambda path: not Path(path).name.startswith((".", "__pycache__", "node_modules")),
    ):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_every_ui_string_has_an_english_translation():
    with open(CATALOGUE / "messages.po", "rb") as f:
        catalogue = {m.id: m.string for m in read_po(f) if m.id}
    missing = sorted(i for i in _extracted_ids() if not catalogue.get(i))
    assert missing == []


def test_compiled_catalogue_matches_the_po_file():
    with open(CATALOGUE / "messages.po", "rb") as f:
        messages = [m for m in read_po(f) if m.id]
    with open(CATALOGUE / "messages.mo", "rb") as f:
        compiled = Translations(f)
    stale = [
        m.id
        for m in messages
        if (compiled.pgettext(m.context, m.id) if m.context else compiled.gettext(m.id)) != m.string
    ]
    assert stale == []


def test_lang_query_switches_to_english_and_is_remembered(client):
    resp = client.get("/sessions?lang=en")
    html = resp.get_data(as_text=True)
    assert '<html lang="en">' in html and "<h1>Sessions</h1>" in html
    assert "lang=en" in resp.headers["Set-Cookie"]
    assert "Cookie" in resp.headers["Vary"]
    html = client.get("/resolutions").get_data(as_text=True)
    assert '<html lang="en">' in html and "Filter the list" in html
    html = client.get("/resolutions?lang=vi").get_data(as_text=True)
    assert '<html lang="vi">' in html and "Lọc danh sách" in html


def test_english_pages_keep_the_data_in_vietnamese(client):
    html = client.get("/sessions/ky-hop-thu-muoi-ba-khoa-xx?lang=en").get_data(as_text=True)
    assert "Kỳ họp thứ Mười ba HĐND thành phố khóa XX" in html
    assert "Delegates who spoke" in html


def test_bad_filter_message_is_translated(client):
    html = client.get("/sessions?year=abc&lang=en").get_data(as_text=True)
    assert "The year must be a four-digit number" in html
