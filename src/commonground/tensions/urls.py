"""Officers' and partners' pages under /tensions/."""

from django.urls import path

from commonground.tensions.views import assessments, early_warning, reports, response

app_name = "tensions"

urlpatterns = [
    path("", early_warning.dashboard, name="index"),
    path("reports/", reports.queue, name="queue"),
    path("reports/new/", reports.new_report, name="new-report"),
    path("reports/export.csv", reports.export_csv, name="export"),
    path("reports/overdue/", reports.overdue, name="overdue"),
    path("reports/<str:reference>/", reports.detail, name="report"),
    path("reports/<str:reference>/triage/", reports.update_triage, name="triage"),
    path("reports/<str:reference>/notes/", reports.add_note, name="note"),
    path("reports/<str:reference>/link/", reports.link_or_merge, {"action": "link"},
         name="link"),
    path("reports/<str:reference>/merge/", reports.link_or_merge, {"action": "merge"},
         name="merge"),
    path("reports/<str:reference>/contact/<str:stage>/", reports.record_contact,
         name="record-contact"),
    path("assessments/", assessments.index, name="assessments"),
    path("assessments/edit/", assessments.edit, name="assessment-edit"),
    path("assessments/<int:assessment_id>/", assessments.detail, name="assessment"),
    path("assessments/return/", assessments.partner_return, name="return"),
    path("assessments/return.csv", assessments.partner_return_csv, name="return-csv"),
    path("alerts/", early_warning.alerts, name="alerts"),
    path("alerts/how-they-work/", early_warning.alerts_help, name="alerts-help"),
    path("alerts/subscribe/", early_warning.subscribe, name="subscribe"),
    path("alerts/<int:alert_id>/acknowledge/", early_warning.acknowledge, name="acknowledge"),
    path("trigger-events/", early_warning.trigger_events, name="trigger-events"),
    path("responses/", response.responses, name="responses"),
    path("responses/<int:response_id>/", response.response_detail, name="response"),
    path("responses/<int:response_id>/tasks/", response.task, name="response-tasks"),
    path("responses/<int:response_id>/plan/", response.plan, name="response-plan"),
    path("responses/<int:response_id>/log/", response.log, name="response-log"),
    path("contacts/", response.contacts, name="contacts"),
    path("contacts/<int:contact_id>/", response.contacts, name="contact"),
    path("contacts/<int:contact_id>/delete/", response.delete_contact, name="delete-contact"),
    path("rumours/", response.rumours, name="rumours"),
    path("rumours/<int:rumour_id>/", response.rumours, name="rumour"),
]
