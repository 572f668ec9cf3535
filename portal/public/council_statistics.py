"""Councils compared (/statistics/councils, SPEC §12): one row a council, each figure linked to the
page of that council's section it comes from; sortable by a query parameter, with its CSV."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, request, url_for
from flask_babel import gettext

from portal.downloads import csv_download
from portal.public import bp
from portal.services import councils
from portal.services.council_figures import MEASURES, CouncilFigures, Figure, council_figures, sort_rows
from portal.services.petition_accountability import local_today
from portal.vocabulary import translate

SORTS = ("name", *(key for key, _ in MEASURES))


@dataclass(frozen=True)
class Cell:
    value: int | None
    href: str | None
    year: int | None = None
    from_report: bool = False


def _figure_url(council: councils.Council, figure: Figure) -> str | None:
    args = dict(figure.args)
    single = councils.single_slug()
    if single is None:
        args["council"] = council.slug
    elif council.slug != single:
        return None  # a single-council site has no pages for the other councils' records
    return url_for(figure.endpoint, _anchor=figure.anchor, **args)


def _cells(row: CouncilFigures) -> list[Cell]:
    cells = []
    for key, _ in MEASURES:
        figure = row.figures.get(key)
        if figure is None:
            cells.append(Cell(None, None))
        else:
            href = _figure_url(row.council, figure)
            cells.append(Cell(figure.value, href, figure.year, figure.basis == "report"))
    return cells


def _sorting() -> tuple[str | None, bool, str | None]:
    """The sort the query asks for, and a message when it names no column."""
    key, order = request.args.get("sort"), request.args.get("order", "")
    error = None
    if key is not None and key not in SORTS:
        error = gettext("Không sắp xếp được theo “%(key)s”: hãy chọn một cột của bảng.", key=key[:40])
        key = None
    if order not in ("", "asc", "desc"):
        error = gettext("Thứ tự sắp xếp chỉ có thể là tăng dần (asc) hoặc giảm dần (desc).")
        order = ""
    descending = order == "desc" or (order == "" and key not in (None, "name"))
    return key, descending, error


@bp.get("/statistics/councils")
def council_statistics():
    key, descending, error = _sorting()
    rows = sort_rows(council_figures(local_today()), key, descending)
    return render_template(
        "public/statistics/councils.html",
        rows=[(row.council, _cells(row)) for row in rows],
        measures=MEASURES,
        sort=key,
        descending=descending,
        error=error,
        single=councils.single_slug(),
    ), (400 if error else 200)


@bp.get("/statistics/councils.csv")
def council_statistics_csv():
    header = [gettext("Hội đồng nhân dân"), gettext("Mã"), gettext("Đã chấm dứt hoạt động từ")]
    header += [translate(label) for _, label in MEASURES]
    lines = [
        [row.council.name, row.council.slug, row.council.dissolved_on, *(row.value(k) for k, _ in MEASURES)]
        for row in council_figures(local_today())
    ]
    return csv_download(header, lines, "so-sanh-hoi-dong-nhan-dan.csv")
