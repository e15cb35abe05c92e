"""Councils side by side, and nearest neighbours on the reader's choice of indicators."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonground.core.area_summaries import summaries_for
from commonground.core.errors import DomainError
from commonground.core.forms import apply_domain_error
from commonground.places import access, compare, profile, selectors
from commonground.places.forms import CompareForm, NeighboursForm


def compare_councils(request: HttpRequest) -> HttpResponse:
    """``/areas/compare/?c=E08000009&c=E08000003``: two to five councils."""
    councils = [(a.code, a.display_name) for a in selectors.councils()]
    codes = [c for c in request.GET.getlist("c") if c]
    form = CompareForm(request.GET if codes else None, councils=councils, codes=codes)
    context: dict[str, object] = {"form": form}
    if codes and form.is_valid():
        try:
            found = compare.comparison(form.codes())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            codes = [c.code for c in found.councils]
            # Each section's rows, one cell per council in the page's order.
            context.update(comparison=found, summaries=[
                (summary, [(row.label, [row.values.get(code) for code in codes])
                           for row in summary.rows])
                for summary in summaries_for(request.user, codes)])
    return render(request, "places/compare.html", context)


def neighbours(request: HttpRequest, code: str) -> HttpResponse:
    """``/areas/<code>/neighbours/?w_population=2&...``: nearest neighbours, re-weighted."""
    council = access.get_council_area(code.upper())
    choice = compare.Choice.from_query(request.GET)
    form = NeighboursForm(initial={f"w_{k}": str(w) for k, w in choice.weights.items()},
                          keys=compare.choosable())
    found: list[profile.NeighbourView] = []
    try:
        found = compare.neighbours(council.code, choice)
    except DomainError as error:
        form = NeighboursForm(request.GET, keys=compare.choosable())
        form.is_valid()
        apply_domain_error(form, error)
    return render(request, "places/neighbours.html", {
        "area": council, "form": form, "neighbours": found, "choice": choice,
        "compare_codes": [council.code, *[n.code for n in found[:4]]],
    })
