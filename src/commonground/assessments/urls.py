"""URLs of the assessments section: /assessments/..."""

from django.urls import path

from commonground.assessments.views import impact

app_name = "assessments"

urlpatterns = [
    path("", impact.index, name="index"),
    path("new/", impact.new_assessment, name="new"),
    path("settings/", impact.settings_page, name="settings"),
    path("<int:assessment_id>/", impact.assessment, name="assessment"),
    path("<int:assessment_id>/edit/", impact.edit_assessment, name="edit"),
    path("<int:assessment_id>/screening/", impact.screening, name="screening"),
    path("<int:assessment_id>/effects/new/", impact.new_effect, name="new-effect"),
    path("<int:assessment_id>/consultations/new/", impact.new_consultation,
         name="new-consultation"),
    path("<int:assessment_id>/mitigations/new/", impact.new_mitigation, name="new-mitigation"),
    path("<int:assessment_id>/checklist/", impact.checklist, name="checklist"),
    path("<int:assessment_id>/sign-off/", impact.sign_off, name="sign-off"),
    path("<int:assessment_id>/publish/", impact.publish, name="publish"),
    path("<int:assessment_id>/reopen/", impact.reopen, name="reopen"),
    path("<int:assessment_id>/summary/", impact.summary, name="summary"),
    path("effects/<int:effect_id>/delete/", impact.delete_effect, name="delete-effect"),
    path("consultations/<int:consultation_id>/delete/", impact.delete_consultation,
         name="delete-consultation"),
]
