"""Add-a-row sections of a record's page (a supervision's recommendations, a round's
petitions): the htmx fragment and the answers after a row is added or refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, make_response, redirect, render_template, url_for

from portal.admin.records import DUPLICATE, render_detail
from portal.admin.registry import spec_for
from portal.htmx import is_partial
from portal.services.publishing import ALREADY_DONE


@dataclass(frozen=True)
class RowSection:
    """One section: the record kind, its fragment template, the page anchor, the template
    values (``extras(record, form=None, message=None)``) and the message once added."""

    kind: str
    template: str
    anchor: str
    extras: Callable[..., dict]
    added: str

    def fragment(self, record, status: int, **extras):
        """Return the section alone (for htmx), with Vary: HX-Request."""
        html = render_template(self.template, record=record, **self.extras(record, **extras))
        response = make_response(html, status)
        response.headers.add("Vary", "HX-Request")
        return response

    def added_response(self, record, result):
        """Answer a row added (or a form sent twice): the section, or the page with a flash."""
        message = DUPLICATE if result is ALREADY_DONE else self.added
        if is_partial():
            return self.fragment(record, 200, message=message)
        flash(message, "info" if result is ALREADY_DONE else "success")
        return redirect(url_for("admin.record_detail", kind=self.kind, record_id=record.id)
                        + self.anchor)  # fmt: skip

    def refused_response(self, record, form):
        """Answer a form with errors: 422 with the section, or the whole page, showing them."""
        if is_partial():
            return self.fragment(record, 422, form=form)
        return render_detail(spec_for(self.kind), record, 422, **self.extras(record, form=form))
