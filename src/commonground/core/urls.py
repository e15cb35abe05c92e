from django.urls import path

from commonground.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("help/", views.find_help, name="help"),
    path("take-part/", views.take_part, name="take-part"),
]
