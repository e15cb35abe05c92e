"""Reads of the surveys app that shape queries, so pages stay at a fixed number of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from commonground.surveys.models import Invitation, InvitationBatch, ResponseImport, Wave


def waves_of(council_ids: Iterable[int]) -> QuerySet[Wave]:
    """The councils' waves, newest first, each with its count of responses."""
    return (Wave.objects.filter(council_id__in=list(council_ids)).select_related("council")
            .annotate(response_count=Count("responses")).order_by("-starts_on", "title"))


def published_waves(exclude_council_ids: Iterable[int]) -> QuerySet[Wave]:
    return (Wave.objects.filter(published=True).exclude(council_id__in=list(exclude_council_ids))
            .select_related("council").order_by("-starts_on", "title"))


def imports_of(wave: Wave) -> QuerySet[ResponseImport]:
    return (ResponseImport.objects.filter(wave=wave).select_related("created_by")
            .defer("content").order_by("-created_at"))


def open_waves() -> QuerySet[Wave]:
    """Waves anyone may answer online without a code, by council, for the take-part page."""
    return (Wave.objects.filter(collecting=True, open_access=True,
                                responses_purged_on__isnull=True)
            .select_related("council").order_by("council__name", "-starts_on", "title"))


@dataclass(frozen=True)
class Batch:
    batch: InvitationBatch
    used: int


def invitation_batches(wave: Wave) -> list[Batch]:
    """The wave's batches of invitation codes, each with how many of its codes were used
    (one query)."""
    batches = (InvitationBatch.objects.filter(wave=wave).select_related("ward", "created_by")
               .defer("ward__boundary")
               .annotate(used_count=Count("invitations", filter=Q(invitations__used=True)))
               .order_by("pk"))
    return [Batch(batch, batch.used_count) for batch in batches]


def invitations_in(batch: InvitationBatch) -> QuerySet[Invitation, tuple[str, bool]]:
    """The batch's codes and whether each was used, in the order they were made."""
    return Invitation.objects.filter(batch=batch).order_by("pk").values_list("code", "used")
