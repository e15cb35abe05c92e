"""URLs of the plans section: /plans/..."""

from django.urls import path

from commonground.plans.views import actions, documents, issues, mapping, plans

app_name = "plans"

urlpatterns = [
    path("", plans.index, name="index"),
    path("mapping/", mapping.exercises, name="exercises"),
    path("mapping/<int:exercise_id>/", mapping.exercise, name="exercise"),
    path("mapping/<int:exercise_id>/items/<slug:item_id>/", mapping.item, name="item"),
    path("mapping/<int:exercise_id>/versions/", mapping.save_version, name="save-version"),
    path("mapping/<int:exercise_id>/versions/<int:number>/", mapping.version, name="version"),
    path("mapping/<int:exercise_id>/versions/<int:number>/profile.docx",
         documents.profile_docx, name="profile-document"),
    path("mapping/<int:exercise_id>/issues/", mapping.propose, name="propose"),
    path("evidence/<int:evidence_id>/remove/", mapping.remove_evidence, name="remove-evidence"),
    path("evidence/<int:evidence_id>/file/", mapping.evidence_file, name="evidence-file"),
    path("issues/", issues.issues, name="issues"),
    path("issues/new/", issues.new_issue, name="new-issue"),
    path("issues/<int:issue_id>/", issues.issue, name="issue"),
    path("issues/<int:issue_id>/actions/", issues.suggestions, name="suggestions"),
    path("issues/<int:issue_id>/actions/<slug:slug>/adopt/", issues.adopt, name="adopt"),
    path("new/", plans.new_plan, name="new-plan"),
    path("import/", documents.import_new, name="import-new"),
    path("<int:plan_id>/", plans.plan, name="plan"),
    path("<int:plan_id>/public/", plans.public_plan, name="public"),
    path("<int:plan_id>/edit/", plans.edit_plan, name="edit-plan"),
    path("<int:plan_id>/status/", plans.plan_status, name="plan-status"),
    path("<int:plan_id>/history/", plans.plan_history, name="history"),
    path("<int:plan_id>/actions/new/", plans.new_action, name="new-action"),
    path("<int:plan_id>/targets/new/", plans.new_target, name="new-target"),
    path("<int:plan_id>/plan.csv", documents.export_csv, name="export"),
    path("<int:plan_id>/import/", documents.import_into, name="import"),
    path("actions/<int:action_id>/", actions.action, name="action"),
    path("actions/<int:action_id>/edit/", actions.edit_action, name="edit-action"),
    path("actions/<int:action_id>/delete/", actions.delete_action, name="delete-action"),
    path("actions/<int:action_id>/rating/", actions.rate, name="rate"),
    path("actions/<int:action_id>/milestones/", actions.add_milestone, name="add-milestone"),
    path("actions/<int:action_id>/updates/", actions.post_update, name="post-update"),
    path("milestones/<int:milestone_id>/", actions.edit_milestone, name="edit-milestone"),
    path("updates/<int:update_id>/file/", actions.update_file, name="update-file"),
    path("targets/<int:target_id>/", plans.edit_target, name="edit-target"),
]
