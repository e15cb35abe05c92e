from django.urls import path

from commonground.background import views

app_name = "background"

urlpatterns = [
    path("", views.status, name="status"),
    path("emails/<int:email_id>/retry/", views.retry_email, name="retry-email"),
]
