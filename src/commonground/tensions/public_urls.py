"""The public report under /report/: no account needed."""

from django.urls import path

from commonground.tensions.views import public

app_name = "tensions-public"

urlpatterns = [
    path("", public.start, name="start"),
    path("council/", public.choose_council, name="council"),
    path("sent/", public.report_done, name="done"),
    path("private/<str:token>/", public.private_link, name="private"),
    path("<str:code>/", public.begin, name="form"),
    path("<str:code>/check/", public.check, name="check"),
    path("<str:code>/ward-at", public.ward_at, name="ward-at"),
    path("<str:code>/<slug:step>/", public.question, name="question"),
]
