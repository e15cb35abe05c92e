"""The surveys pages under /surveys/: the council's side (waves, imports, invitation
codes) and the residents' questionnaire (take part, answer)."""

from django.urls import path

from commonground.surveys.views import imports, invitations, public, results, waves, weighting

app_name = "surveys"

urlpatterns = [
    path("", waves.index, name="index"),
    path("waves/<int:wave_id>/", waves.wave, name="wave"),
    path("waves/<int:wave_id>/options/", waves.options, name="options"),
    path("waves/<int:wave_id>/questions/", waves.own_question, name="own-question"),
    path("waves/<int:wave_id>/questions/<slug:key>/welsh/", waves.own_question_welsh,
         name="own-question-welsh"),
    path("waves/<int:wave_id>/import/", imports.upload, name="upload"),
    path("waves/<int:wave_id>/codes/", invitations.batches, name="codes"),
    path("waves/<int:wave_id>/codes/<int:batch_id>.csv", invitations.download,
         name="codes-download"),
    path("imports/<int:import_id>/", imports.report, name="import"),
    path("imports/<int:import_id>/confirm/", imports.confirm, name="confirm"),
    path("waves/<int:wave_id>/weight/", weighting.weigh, name="weigh"),
    path("weightings/<int:weighting_id>/", weighting.weighting, name="weighting"),
    path("waves/<int:wave_id>/results/", results.results, name="results"),
    path("waves/<int:wave_id>/results.csv", results.results_csv, name="results-csv"),
    path("waves/<int:wave_id>/results/<slug:key>/", results.indicator, name="indicator"),
    path("waves/<int:wave_id>/results/<slug:key>/map.geojson", results.results_geojson,
         name="results-geojson"),
    # The residents' side: no account needed.
    path("take-part/", public.take_part, name="take-part"),
    path("answer/<int:wave_id>/", public.start, name="answer-start"),
    path("answer/<int:wave_id>/check/", public.check, name="answer-check"),
    path("answer/<int:wave_id>/done/", public.done, name="answer-done"),
    path("answer/<int:wave_id>/<slug:key>/", public.question, name="answer-question"),
]
