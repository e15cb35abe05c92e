"""The surveys pages under /surveys/."""

from django.urls import path

from commonground.surveys.views import imports, waves, weighting

app_name = "surveys"

urlpatterns = [
    path("", waves.index, name="index"),
    path("waves/<int:wave_id>/", waves.wave, name="wave"),
    path("waves/<int:wave_id>/options/", waves.options, name="options"),
    path("waves/<int:wave_id>/questions/", waves.own_question, name="own-question"),
    path("waves/<int:wave_id>/import/", imports.upload, name="upload"),
    path("imports/<int:import_id>/", imports.report, name="import"),
    path("imports/<int:import_id>/confirm/", imports.confirm, name="confirm"),
    path("waves/<int:wave_id>/weight/", weighting.weigh, name="weigh"),
    path("weightings/<int:weighting_id>/", weighting.weighting, name="weighting"),
]
