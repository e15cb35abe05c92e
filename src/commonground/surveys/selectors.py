"""Reads of the surveys app that shape queries, so pages stay at a fixed number of them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from commonground.places.models import Area, AreaLevel
from commonground.surveys.benchmarks import National
from commonground.surveys.models import (
    Invitation,
    InvitationBatch,
    ResponseImport,
    Wave,
    WaveWeighting,
    WeightingStatus,
)
from commonground.surveys.results import current_figures


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


@dataclass(frozen=True)
class LatestEstimate:
    """The newest weighted estimate of one indicator for one area (shares in per cent).

    ``modelled`` marks a ward's Fay-Herriot estimate (shown when the ward has too few
    responses of its own); ``probability`` is False for an open (opt-in) wave;
    ``national`` is the latest published national figure for the indicator, if any.
    """

    indicator: str
    estimate: float
    low: float
    high: float
    responses: int | None
    effective: float | None
    wave: Wave
    date: datetime.date
    modelled: bool
    probability: bool
    national: National | None


def _council_code(area: Area) -> str:
    if area.level == AreaLevel.COUNCIL:
        return area.code
    return area.council.code if area.council is not None else ""


def latest_estimates(wanted: Sequence[tuple[str, Area]], *, published_only: bool = True
                     ) -> list[LatestEstimate | None]:
    """:func:`latest_estimate` for many (indicator, area) pairs in one query.

    An area is a council (its whole-area figure) or one of its wards. With
    ``published_only`` (the default) only published waves are read, as the figure may be
    shown to anyone; a council's own pages may pass False.
    """
    council_codes = {_council_code(area) for _key, area in wanted}
    found = (WaveWeighting.objects.filter(wave__council__area_code__in=council_codes,
                                          status=WeightingStatus.DONE)
             .select_related("wave", "wave__council").defer("report")
             .order_by("-wave__ends_on", "-wave_id", "-finished_at", "-pk"))
    if published_only:
        found = found.filter(wave__published=True)
    newest: dict[str, list[WaveWeighting]] = {}
    seen: set[int] = set()
    for weighting in found:
        if weighting.wave_id in seen:
            continue  # an older weighting of the same wave
        seen.add(weighting.wave_id)
        newest.setdefault(weighting.wave.council.area_code, []).append(weighting)
    out: list[LatestEstimate | None] = []
    for key, area in wanted:
        code = _council_code(area)
        answer = None
        for weighting in newest.get(code, []):
            if key not in weighting.results:
                continue
            figure, national = current_figures(weighting, key,
                                               None if area.code == code else area.code)
            if figure is not None and figure.shown:
                assert figure.estimate is not None and figure.low is not None
                assert figure.high is not None
                answer = LatestEstimate(
                    key, figure.estimate, figure.low, figure.high, figure.responses,
                    figure.effective, weighting.wave, weighting.wave.ends_on,
                    figure.modelled, weighting.wave.is_probability, national)
            break  # the newest wave asking it decides, even if its figure is not shown
        out.append(answer)
    return out


def latest_estimate(indicator: str, area: Area, *, published_only: bool = True
                    ) -> LatestEstimate | None:
    """The newest estimate of ``indicator`` (a question key such as ``get_on_well``) for
    ``area`` (a council or one of its wards) with its 95 % interval, responses, wave and
    date, or None when no weighted wave gives one (or its figure is not enough to show)."""
    return latest_estimates([(indicator, area)], published_only=published_only)[0]
