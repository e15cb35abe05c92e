"""Submitting and moderating: states, history, audit, emails and the search index."""

from __future__ import annotations

import pytest
from django.core import mail

from commonground.core.errors import Conflict, InvalidInput, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.library import services
from commonground.library.models import CaseStudy, Resource, Revision, Status
from commonground.search import search
from tests.library.conftest import submit_case_study
from tests.personas import World


def titles(q: str) -> list[str]:
    return [hit.title for hit in search(None, q).hits]


def history(obj: CaseStudy) -> list[str]:
    return list(Revision.objects.filter(object_id=obj.pk, object_type="case_study")
                .order_by("created_at", "id").values_list("action", flat=True))


def test_submission_waits_unseen_until_published(
        world: World, submission: CaseStudy, django_capture_on_commit_callbacks: object) -> None:
    assert submission.status == Status.SUBMITTED and submission.author == world["officer_a"]
    assert titles("welcome cafés") == []
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.publish(actor=world["moderator"], obj=submission)
    assert titles("welcome cafés") == ["Trafford welcome cafés"]
    assert submission.published_at is not None
    assert mail.outbox[-1].to == ["officer_a@example.org"]
    assert "published" in mail.outbox[-1].subject
    assert history(submission) == ["submitted", "published"]
    event = AuditEvent.objects.filter(action="library.case_study.published").get()
    assert event.old_values == {"status": "submitted"}
    assert event.new_values == {"status": "published"}


def test_return_with_comments_then_the_author_edits_and_it_goes_back_to_the_queue(
        world: World, submission: CaseStudy,
        django_capture_on_commit_callbacks: object) -> None:
    with pytest.raises(InvalidInput):
        services.return_to_author(actor=world["moderator"], obj=submission, comment=" ")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.return_to_author(actor=world["moderator"], obj=submission,
                                  comment="Please add what changed.")
    assert submission.status == Status.RETURNED
    assert "Please add what changed." in mail.outbox[-1].body
    services.edit(actor=world["officer_a"], obj=submission,
                  values={"outcomes": "Forty people came each month."})
    submission.refresh_from_db()
    assert submission.status == Status.SUBMITTED
    revision = Revision.objects.filter(object_id=submission.pk, action="edited").get()
    assert revision.actor == world["officer_a"]
    assert revision.changes == {"status": ["returned", "submitted"],
                                "outcomes": ["", "Forty people came each month."]}


def test_hide_needs_a_reason_tells_the_author_and_restore_brings_it_back(
        world: World, submission: CaseStudy,
        django_capture_on_commit_callbacks: object) -> None:
    services.publish(actor=world["moderator"], obj=submission)
    with pytest.raises(InvalidInput):
        services.hide(actor=world["moderator"], obj=submission, reason="")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.hide(actor=world["moderator"], obj=submission, reason="It names a resident.")
    assert CaseStudy.objects.filter(pk=submission.pk).exists()  # hidden, never deleted
    assert submission.status == Status.HIDDEN
    assert titles("welcome cafés") == []
    assert "It names a resident." in mail.outbox[-1].body
    with pytest.raises(Conflict):
        services.hide(actor=world["moderator"], obj=submission, reason="again")
    services.restore(actor=world["moderator"], obj=submission)
    assert submission.status == Status.PUBLISHED
    assert titles("welcome cafés") == ["Trafford welcome cafés"]
    assert history(submission) == ["submitted", "published", "hidden", "restored"]


def test_who_may_submit_and_moderate(world: World) -> None:
    with pytest.raises(PermissionDenied):
        submit_case_study(world, "resident")
    obj = submit_case_study(world, "partner")
    for persona in ("officer_a", "partner", "resident"):
        with pytest.raises(PermissionDenied):
            services.publish(actor=world[persona], obj=obj)
    with pytest.raises(PermissionDenied):
        services.edit(actor=world["officer_b"], obj=obj, values={"title": "Mine now"})


def test_a_resource_goes_through_the_same_moderation(world: World) -> None:
    resource = services.submit(actor=world["officer_b"], model=Resource, values={
        "title": "Ward tension checklist", "summary": "A one-page checklist.",
        "kind": "toolkit"})
    services.publish(actor=world["admin"], obj=resource)
    assert titles("tension checklist") == ["Ward tension checklist"]


def test_an_author_editing_a_published_case_study_sends_it_back_for_moderation(
        world: World, submission: CaseStudy) -> None:
    services.publish(actor=world["moderator"], obj=submission)
    services.edit(actor=world["officer_a"], obj=submission, values={"title": "Welcome cafés"})
    assert submission.status == Status.SUBMITTED
    assert titles("welcome cafés") == []
    services.edit(actor=world["moderator"], obj=submission, values={"title": "Cafés"})
    assert submission.status == Status.SUBMITTED  # a moderator's edit changes no state
