"""Integer path parts no database column can hold answer 404 on every route, public and admin."""

from __future__ import annotations

import re

import pytest
from werkzeug.exceptions import NotFound
from werkzeug.routing import AnyConverter

from portal.routing import MAX_PATH_INT, BoundedIntConverter

HUGE = ["9223372036854775808", "99999999999999999999999999", str(MAX_PATH_INT + 1), "9" * 5000]
SLUG = "bao-cao-ket-qua-hoat-dong-nam-2020"
PLACEHOLDER = re.compile(r"<(?:([a-z]+)(?:\([^)]*\))?:)?([a-z_]+)>")


def int_rules(app):
    return [
        rule
        for rule in app.url_map.iter_rules()
        if any(isinstance(c, BoundedIntConverter) for c in rule._converters.values()) or "<int:" in rule.rule
    ]


def url_for_rule(rule, number: str) -> str:
    def fill(match):
        kind, name = match.groups()
        if kind == "int":
            return number
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            return re.search(r"\(\?:([^|)]+)", converter.regex).group(1).replace("\\", "")
        return SLUG

    return PLACEHOLDER.sub(fill, rule.rule)


def test_every_int_path_part_is_bounded(app):
    rules = int_rules(app)
    assert len(rules) >= 19  # every <int: of portal/ (grep), public and admin
    for rule in rules:
        for name, converter in rule._converters.items():
            if f"<int:{name}>" in rule.rule:
                assert isinstance(converter, BoundedIntConverter), rule.rule
    adapter = app.url_map.bind("localhost")
    assert adapter.match(f"/petitions/{MAX_PATH_INT}")[1] == {"petition_id": MAX_PATH_INT}
    with pytest.raises(NotFound):
        adapter.match(f"/petitions/{MAX_PATH_INT + 1}")


@pytest.mark.parametrize("number", HUGE, ids=["int64+1", "26-digits", "int32+1", "5000-digits"])
def test_huge_numbers_answer_404_on_every_route(app, admin_client, number):
    anonymous = app.test_client()
    for rule in int_rules(app):
        url = url_for_rule(rule, number)
        client = admin_client if rule.endpoint.startswith("admin.") else anonymous
        for method in sorted(rule.methods & {"GET", "POST"}):
            resp = client.open(url, method=method)
            assert resp.status_code == 404, (method, url[:120], resp.status_code)
            assert "Không tìm thấy" in resp.get_data(as_text=True) or resp.is_json, url[:120]


@pytest.mark.parametrize(
    "url",
    [
        "/petitions/9223372036854775808",
        "/programme/99999999999999999999999999",
        f"/documents/{SLUG}/attachments/9223372036854775808",
    ],
)
def test_the_reported_public_urls(client, url):
    assert client.get(url).status_code == 404
