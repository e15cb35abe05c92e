"""Library URLs: browsing the framework, search, case studies, contributing, moderating."""

from django.urls import path, register_converter

from commonground.library.views import browse, contributions, moderation, search


class KindConverter:
    regex = "case-study|resource"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "kind")

app_name = "library"
urlpatterns = [
    path("", browse.index, name="index"),
    path("search/", search.search_page, name="search"),
    path("actions/", browse.actions, name="actions"),
    path("actions/<slug:slug>/", browse.action, name="action"),
    path("issues/", browse.issues, name="issues"),
    path("issues/<slug:slug>/", browse.issue, name="issue"),
    path("guidance/", browse.guidance_list, name="guidance-list"),
    path("guidance/<slug:slug>/", browse.guidance, name="guidance"),
    path("framework/", browse.framework, name="framework"),
    path("framework/influences/", browse.influences, name="influences"),
    path("framework/pitfalls/", browse.pitfalls, name="pitfalls"),
    path("family-groups/", browse.family_groups, name="family-groups"),
    path("family-groups/<int:number>/", browse.family_group, name="family-group"),
    path("case-studies/<slug:slug>/", contributions.case_study, name="case-study"),
    path("resources/<slug:slug>/", contributions.resource, name="resource"),
    path("contribute/<kind:kind>/", contributions.submit, name="submit"),
    path("<kind:kind>/<slug:slug>/edit/", contributions.edit, name="edit"),
    path("my-submissions/", contributions.my_submissions, name="my-submissions"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/<kind:kind>/<slug:slug>/<str:decision>/", moderation.decide,
         name="decide"),
]
