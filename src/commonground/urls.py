"""The site's URL map: each app owns its own urls module, the API lives under /api/v1/.

Pages exist in English at their address and in Welsh under /cy/ (``i18n_patterns``); the
API and the admin have one address each, in English.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from commonground.accounts.views.language import switch_language
from commonground.api.urls import docs_urlpatterns
from commonground.api.urls import urlpatterns as api_urlpatterns

urlpatterns = [
    path("api/v1/", include(api_urlpatterns)),
    path("admin/", admin.site.urls),
    path("language/<str:language>/", switch_language, name="switch-language"),
    *i18n_patterns(
        *docs_urlpatterns,
        path("", include("commonground.core.urls")),
        path("account/", include("commonground.accounts.urls")),
        path("background/", include("commonground.background.urls")),
        path("areas/", include("commonground.places.urls")),
        path("library/", include("commonground.library.urls")),
        path("forums/", include("commonground.forums.urls")),
        path("tensions/", include("commonground.tensions.urls")),
        path("plans/", include("commonground.plans.urls")),
        path("assessments/", include("commonground.assessments.urls")),
        path("surveys/", include("commonground.surveys.urls")),
        path("report/", include("commonground.tensions.public_urls")),
        prefix_default_language=False,
    ),
]

handler400 = "commonground.core.views.bad_request"
handler403 = "commonground.core.views.permission_denied"
handler404 = "commonground.core.views.page_not_found"
handler500 = "commonground.core.views.server_error"
