"""URLs of the assessments section: /assessments/..."""

from django.urls import path

from commonground.assessments.views import framework, impact, strategy

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
    path("equality/", framework.self_assessments, name="self-assessments"),
    path("equality/new/", framework.new_self_assessment, name="new-self-assessment"),
    path("equality/<int:self_assessment_id>/", framework.self_assessment,
         name="self-assessment"),
    path("equality/<int:self_assessment_id>/complete/", framework.complete,
         name="complete-self-assessment"),
    path("equality/<int:self_assessment_id>/peer-challenge.docx",
         framework.peer_challenge_docx, name="peer-challenge"),
    path("equality/<int:self_assessment_id>/<slug:criterion_id>/", framework.criterion,
         name="criterion"),
    path("evidence/<int:evidence_id>/remove/", framework.remove_evidence,
         name="remove-evidence"),
    path("strategy/", strategy.strategies, name="strategies"),
    path("strategy/new/", strategy.new_strategy, name="new-strategy"),
    path("strategy/<int:strategy_id>/", strategy.strategy, name="strategy"),
    path("strategy/<int:strategy_id>/versions/<int:number>/", strategy.strategy,
         name="strategy-version"),
    path("strategy/<int:strategy_id>/change/", strategy.new_version, name="new-version"),
    path("strategy/<int:strategy_id>/consultations/new/", strategy.new_strategy_consultation,
         name="new-strategy-consultation"),
    path("partnership/", strategy.partnership, name="partnership"),
    path("partnership/members/new/", strategy.new_member, name="new-member"),
    path("partnership/members/<int:member_id>/remove/", strategy.remove_member,
         name="remove-member"),
    path("partnership/meetings/new/", strategy.new_meeting, name="new-meeting"),
    path("partnership/meetings/<int:meeting_id>/", strategy.meeting, name="meeting"),
    path("effects/<int:effect_id>/delete/", impact.delete_effect, name="delete-effect"),
    path("consultations/<int:consultation_id>/delete/", impact.delete_consultation,
         name="delete-consultation"),
]
