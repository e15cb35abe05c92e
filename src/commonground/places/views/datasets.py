"""An uploaded dataset after its import: see it, map it, compare it with the Census,
download it, replace it or withdraw it (its organisation's analysts and admins only)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from commonground.accounts.types import SignedInRequest
from commonground.core import csvfile
from commonground.core.errors import not_found
from commonground.places import access, selectors, services
from commonground.places.models import AreaLevel, Dataset


def _dataset(request: HttpRequest, organisation: str, slug: str) -> Dataset:
    dataset = access.get_uploaded_dataset_for_user(request.user, slug)
    if dataset.organisation is None or dataset.organisation.slug != organisation:
        raise not_found("dataset")
    return dataset


@login_required
def dataset_detail(request: HttpRequest, organisation: str, slug: str) -> HttpResponse:
    dataset = _dataset(request, organisation, slug)
    replace = reverse("places:upload") + "?" + urlencode(
        {"title": dataset.title, "level": dataset.level, "organisation": organisation})
    return render(request, "places/dataset.html", {
        "dataset": dataset, "coverage": selectors.coverage(dataset),
        "mappable": dataset.kind == "counts" and dataset.level in selectors.SUB_LEVELS,
        "level_label": AreaLevel(dataset.level).label, "replace": replace,
        "sample": selectors.dataset_rows(dataset)[:10],
    })


@login_required
def dataset_csv(request: HttpRequest, organisation: str, slug: str) -> HttpResponse:
    dataset = _dataset(request, organisation, slug)
    rows = [[code, name, *values, total] for code, name, values, total
            in selectors.dataset_rows(dataset)]
    return csvfile.response(f"{dataset.slug}.csv", ["code", "name", *dataset.keys, "total"], rows)


@login_required
def dataset_withdraw(request: SignedInRequest, organisation: str, slug: str) -> HttpResponse:
    """GET asks to confirm; POST withdraws."""
    dataset = _dataset(request, organisation, slug)
    if request.method == "POST":
        title = dataset.title
        services.withdraw_dataset(actor=request.user, dataset=dataset)
        messages.success(request, _("%(title)s is withdrawn: its figures are deleted.")
                         % {"title": title})
        return redirect("places:organisation-datasets", slug=organisation)
    return render(request, "places/dataset_withdraw.html", {"dataset": dataset})
