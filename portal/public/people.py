"""Council bodies, members and personnel changes; one organisation with its history and work."""

from __future__ import annotations

from itertools import groupby

from flask import abort, redirect, render_template, url_for
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.htmx import is_partial
from portal.models import Document, Membership, Organization, Person, Petition, Supervision
from portal.models.organization import ORGANIZATION_KINDS
from portal.models.supervision import supervision_targets
from portal.public import bp
from portal.public.lists import get_or_404, list_state, render_list
from portal.services import councils, queries

RELATED_LIMIT = 50
PEOPLE_PER_PAGE = 100
ORGS_PER_KIND = 40  # agencies named in reports grow over the years; the rest are a link away


def organizations_by_kind() -> list[tuple[str, list[Organization], int]]:
    """Published organisations grouped by kind, in the vocabulary's order of kinds: the first
    ORGS_PER_KIND of each kind by name, and how many the kind has (one statement, on the list index)."""
    ranked = queries.published_rows(
        Organization,
        Organization.id,
        func.row_number().over(partition_by=Organization.kind, order_by=Organization.name).label("rank"),
        func.count().over(partition_by=Organization.kind).label("total"),
    ).subquery()
    rows = db.session.execute(
        select(Organization, ranked.c.total)
        .join(ranked, ranked.c.id == Organization.id)
        .where(ranked.c.rank <= ORGS_PER_KIND)
        .order_by(Organization.kind, Organization.name)
    ).all()
    rows.sort(key=lambda row: ORGANIZATION_KINDS.index(row[0].kind))
    groups = []
    for kind, group in groupby(rows, key=lambda row: row[0].kind):
        group = list(group)
        groups.append((kind, [org for org, _ in group], group[0][1]))
    return groups


def personnel_changes() -> list[Membership]:
    """Memberships that began or ended at a known session or date, newest first."""
    rows = db.session.scalars(
        select(Membership)
        .join(Person)
        .where(queries.is_published(Person))
        .where(
            or_(
                Membership.end_session_id.is_not(None),
                Membership.start_session_id.is_not(None),
                Membership.end_date.is_not(None),
            )
        )
        .options(selectinload(Membership.person), selectinload(Membership.organization))
        .order_by(Membership.end_session_id.is_(None), Membership.id)
    ).all()
    return [m for m in rows if m.organization.is_public]


@bp.get("/people/<slug>")
def person(slug: str):
    """A person's address: the page of /people that lists them, at their line (the list grows by name)."""
    person = db.session.scalar(queries.published(Person).where(Person.slug == slug[:200]))
    if person is None:
        abort(404)
    before = db.session.scalar(
        select(func.count()).select_from(
            queries.published_rows(Person, Person.id)
            .where(or_(Person.name < person.name, and_(Person.name == person.name, Person.id < person.id)))
            .subquery()
        )
    )
    page = before // PEOPLE_PER_PAGE + 1
    return redirect(url_for("public.people", page=page if page > 1 else None, _anchor=f"nguoi-{person.slug}"))


@bp.get("/people")
def people():
    # People by name, a page at a time: a council's members over the years outgrow one page.
    state = list_state("people", per_page=PEOPLE_PER_PAGE)
    if is_partial():
        return render_list(state, "public/people/index.html", "public/people/_results.html")
    return render_list(
        state,
        "public/people/index.html",
        "public/people/_results.html",
        groups=organizations_by_kind(),
        changes=personnel_changes(),
    )


def _related(organization: Organization) -> dict:
    def published(q):
        return db.session.scalars(q.limit(RELATED_LIMIT)).all()

    targeted = select(supervision_targets.c.supervision_id).where(
        supervision_targets.c.organization_id == organization.id
    )
    return {
        "supervisions_by": published(
            queries.published(Supervision)
            .where(Supervision.body_id == organization.id)
            .order_by(Supervision.id)
        ),
        "supervisions_of": published(
            queries.published(Supervision).where(Supervision.id.in_(targeted)).order_by(Supervision.id)
        ),
        "petitions": published(
            queries.published(Petition)
            .where(Petition.responsible_agency_id == organization.id)
            .order_by(Petition.id.desc())
        ),
        "documents": published(
            queries.published(Document)
            .where(Document.issuer_id == organization.id)
            .order_by(Document.issued_on.desc(), Document.id)
        ),
    }


@bp.get("/organizations/<slug>")
def organization_detail(slug: str):
    if (renamed := councils.by_former_slug(slug)) is not None:
        return redirect(url_for("public.organization_detail", slug=renamed.slug), 301)
    organization = get_or_404(Organization, slug)
    memberships = [m for m in organization.memberships if m.person.is_public]
    current = [m for m in memberships if m.end_date is None and m.end_session_id is None]
    past = [m for m in memberships if m not in current]
    return render_template(
        "public/people/organization.html",
        organization=organization,
        current=current,
        past=past,
        **_related(organization),
    )
