"""Searching the forums: the site's search engine, limited to forum threads.

Closed and private groups' threads are found only by their members: the engine
filters by the access keys of ``access.search_access_keys`` before it pages.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from commonground.accounts.types import SignedInRequest
from commonground.forums.forms import SearchForm
from commonground.forums.indexing import KIND
from commonground.search import search as site_search


@login_required
def search(request: SignedInRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    q = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        q = form.cleaned_data["q"].strip()
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        results = site_search(request.user, q, filters={"type": [KIND]}, page=page)
    return render(request, "forums/search.html", {"form": form, "results": results, "q": q})
