"""URLs of the areas section: /areas/..."""

from django.urls import path

from commonground.places.views import (
    areas,
    compare,
    custom,
    datasets,
    downloads,
    family,
    uploads,
)

app_name = "places"

urlpatterns = [
    path("", areas.index, name="index"),
    path("map/", areas.national_map, name="national-map"),
    path("compare/", compare.compare_councils, name="compare"),
    path("map/councils.csv", downloads.national_csv, name="national-csv"),
    path("upload/", uploads.upload, name="upload"),
    path("upload/<int:job_id>/", uploads.job, name="job"),
    path("uploaded/<slug:slug>/", uploads.organisation_datasets, name="organisation-datasets"),
    path("uploaded/<slug:organisation>/<slug:slug>/", datasets.dataset_detail, name="dataset"),
    path("uploaded/<slug:organisation>/<slug:slug>/data.csv", datasets.dataset_csv,
         name="dataset-csv"),
    path("uploaded/<slug:organisation>/<slug:slug>/withdraw/", datasets.dataset_withdraw,
         name="dataset-withdraw"),
    path("custom/<int:custom_id>/", custom.custom_detail, name="custom-detail"),
    path("custom/<int:custom_id>/delete/", custom.custom_delete, name="custom-delete"),
    path("<str:code>/", areas.detail, name="detail"),
    path("<str:code>/indicators.csv", downloads.council_indicators_csv, name="indicators-csv"),
    path("<str:code>/neighbours.csv", downloads.neighbours_csv, name="neighbours-csv"),
    path("<str:code>/neighbours/", compare.neighbours, name="neighbours"),
    path("<str:code>/map/", areas.council_map, name="council-map"),
    path("<str:code>/map/areas.csv", downloads.sub_areas_csv, name="sub-areas-csv"),
    path("<str:code>/map/areas.geojson", downloads.sub_areas_geojson, name="sub-areas-geojson"),
    path("<str:code>/family-group/", family.judge, name="family-judgement"),
    path("<str:code>/custom/", custom.custom_list, name="custom-list"),
]
