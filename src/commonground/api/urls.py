"""The API instance and its URLs under /api/v1/."""

from __future__ import annotations

from django.urls import path
from ninja import NinjaAPI

from commonground.api import errors
from commonground.api.docs import docs_view
from commonground.api.routers import (
    accounts,
    areas,
    assessments,
    forums,
    health,
    library,
    plans,
    search,
    surveys,
    tensions,
)

api = NinjaAPI(
    title="Common Ground API",
    version="1",
    description=(
        "Open data, indicators and your organisations' data, for scripts and other systems. "
        "Authenticate with a personal token (made on your profile page) sent as "
        "'Authorization: Bearer <token>'. Every error has the shape "
        '{"error": {"code", "message", "fields"}}.'
    ),
    urls_namespace="api",
    docs_url=None,
)
errors.install(api)
api.add_router("", health.router)
api.add_router("", accounts.router)
api.add_router("", areas.router)
api.add_router("", library.router)
api.add_router("", search.router)
api.add_router("", forums.router)
api.add_router("", tensions.router)
api.add_router("", plans.router)
api.add_router("", assessments.router)
api.add_router("", surveys.router)

urlpatterns = [
    path("", api.urls),
]
# The readable documentation is a page like any other, in English and in Welsh; the site's
# URL map places it among the pages (the API itself answers in English only).
docs_urlpatterns = [
    path("api/v1/docs", docs_view(api), name="api-docs"),
]
