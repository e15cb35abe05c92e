"""Reads of the surveys app that shape queries, so pages stay at a fixed number of them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from commonground.surveys.models import ResponseImport, Wave


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
