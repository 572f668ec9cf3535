"""``demo synthetic`` data: bulk-written sample records, each with its revision and audit row."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.importers import synthetic
from portal.models import (
    AuditEvent,
    Commitment,
    Organization,
    Petition,
    Resolution,
    Revision,
    SearchOutbox,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.records import PUBLIC_MODELS
from portal.services.office_scope import council_of
from portal.services.snapshots import snapshot


def _sample_count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(model.is_sample.is_(True)))


def test_every_sample_record_is_published_marked_and_has_a_sample_revision_and_audit_row(app):
    outbox_before = db.session.scalar(select(func.count()).select_from(SearchOutbox))
    made = synthetic.generate(400, seed=7)
    assert made == sum(n for _, n in synthetic.plan(400))
    planned = dict(synthetic.plan(400))
    for kind, n in planned.items():
        model = synthetic.MODELS[kind]
        # the run's agencies and its sample province council
        extra = len(synthetic.AGENCIES) + 1 if kind == "organization" else 0
        assert _sample_count(model) == n + extra, kind
    samples = {(m.public_type, r.id): r for m in PUBLIC_MODELS.values()
               for r in db.session.scalars(select(m).where(m.is_sample.is_(True)))}  # fmt: skip
    assert all(r.status == "published" and r.published_at for r in samples.values())
    revisions = db.session.scalars(select(Revision).where(Revision.note == synthetic.REVISION_NOTE)).all()
    assert {(rev.record_type, rev.record_id) for rev in revisions} == set(samples)
    assert len(revisions) == len(samples)
    for rev in revisions[:: max(1, len(revisions) // 40)]:
        # The bulk snapshot is the one the save path would have written for the stored row.
        assert rev.snapshot == snapshot(samples[(rev.record_type, rev.record_id)]), (
            rev.record_type,
            rev.record_id,
        )
        assert rev.snapshot["is_sample"] is True
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "create")).all()
    sample_events = [e for e in events if (e.detail or {}).get("is_sample")]
    assert {e.target for e in sample_events} == {f"{t}:{r.slug}" for (t, _), r in samples.items()}
    summary = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "demo_synthetic"))
    assert summary.detail["count"] == made and summary.detail["is_sample"] is True
    # No row-by-row outbox: the command rebuilds the index once at the end.
    assert db.session.scalar(select(func.count()).select_from(SearchOutbox)) == outbox_before


def test_sample_records_show_the_sample_marker_on_pages_and_in_the_api(app, client):
    synthetic.generate(200, seed=3, into=app.config["PORTAL_COUNCIL"])  # the single-council site shows them
    resolution = db.session.scalars(select(Resolution).where(Resolution.is_sample.is_(True))).first()
    page = client.get(f"/resolutions/{resolution.slug}")
    assert page.status_code == 200
    assert "Dữ liệu mẫu, không phải số liệu thật" in page.get_data(as_text=True)
    api = client.get(f"/api/v1/resolutions/{resolution.slug}")
    assert api.status_code == 200
    body = api.get_json()
    assert (body.get("data") or body)["is_sample"] is True
    starter = db.session.scalars(select(Resolution).where(Resolution.is_sample.is_(False))).first()
    assert "Dữ liệu mẫu, không phải số liệu thật" not in client.get(f"/resolutions/{starter.slug}").get_data(
        as_text=True
    )


def test_a_second_run_adds_records_without_breaking_unique_numbers(app):
    first = synthetic.generate(150, seed=1)
    second = synthetic.generate(150, seed=1)
    assert _sample_count(Resolution) == sum(n for kind, n in synthetic.plan(150) if kind == "resolution") * 2
    assert first == second


def test_bulk_rows_go_through_the_database_constraints(app):
    writer = synthetic.BulkWriter(db.session, "dup")
    council = db.session.scalar(select(Resolution.council_id))
    row = {"council_id": council, "number": "1/NQ-DUP", "title": "Nghị quyết mẫu", "slug": "mau-dup-1"}
    writer.insert(Resolution, [dict(row)])
    with pytest.raises(IntegrityError):
        writer.insert(Resolution, [{**row, "slug": "mau-dup-2"}])  # same council and number
    db.session.rollback()


def test_a_sample_province_spreads_its_records_over_its_commune_councils_never_a_real_one(app):
    real = {o.id for o in db.session.scalars(select(Organization).where(Organization.kind == "council"))}
    before = {
        m: db.session.scalar(select(func.count()).select_from(m)) for m in (Session, Resolution, Petition)
    }
    synthetic.generate(600, seed=5, councils=3)
    councils = db.session.scalars(
        select(Organization).where(Organization.kind == "council", Organization.id.not_in(real))
    ).all()
    assert len(councils) == 5 and all(c.is_sample for c in councils)
    province = next(c for c in councils if c.parent_id is None)
    communes = {c.id for c in councils if c.parent_id == province.id and c.dissolved_on is None}
    # The sample district that ended: taken over by several sample communes, on a sample basis document.
    (ended,) = [c for c in councils if c.dissolved_on is not None]
    assert len(ended.successors) == 3 and {s.id for s in ended.successors} <= communes
    assert ended.dissolution_document.is_sample
    assert len(communes) == 3 and all(
        c.area and c.area.kind == "commune" for c in councils if c.id in communes
    )
    for model in (Session, Resolution, VoterMeetingRound, Commitment):
        owners = set(db.session.scalars(select(model.council_id).where(model.is_sample.is_(True))))
        assert owners == communes, model.__name__  # every commune council has some, no other council any
    petitions = db.session.scalars(select(Petition).where(Petition.is_sample.is_(True))).all()
    assert {council_of(p) for p in petitions} == communes
    assert all(p.area.id == db.session.get(Organization, p.round.council_id).area_id for p in petitions)
    for model in (Session, Resolution, Petition):  # the real councils' records are as they were
        assert (
            db.session.scalar(select(func.count()).select_from(model).where(model.is_sample.is_(False)))
            == (before[model])
        )
    bodies = {
        council_of(s) for s in db.session.scalars(select(Supervision).where(Supervision.is_sample.is_(True)))
    }
    assert bodies <= communes
