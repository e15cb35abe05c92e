"""The audit log's vocabulary: every action a row can record, one enumeration.

The values are the strings stored in ``AuditEvent.action`` (rows written before the
enumeration existed read the same), grouped by the app whose services write them. An
app that adds a service adds its actions here, in its own block; ``record`` accepts
nothing else, so a misspelt action is a type error rather than a row nobody finds.
The field has no database ``choices``, so adding an action needs no migration.
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    # accounts
    ORGANISATION_CREATE = "organisation.create"
    ORGANISATION_UPDATE = "organisation.update"
    MEMBERSHIP_CREATE = "membership.create"
    MEMBERSHIP_CHANGE_ROLE = "membership.change_role"
    MEMBERSHIP_DELETE = "membership.delete"
    INVITATION_CREATE = "invitation.create"
    INVITATION_REVOKE = "invitation.revoke"
    INVITATION_ACCEPT = "invitation.accept"
    USER_CREATE = "user.create"
    USER_UPDATE = "user.update"
    USER_SIGN_IN = "user.sign_in"
    API_TOKEN_CREATE = "api_token.create"  # noqa: S105 - an action's name, not a secret
    API_TOKEN_REVOKE = "api_token.revoke"  # noqa: S105
    SHARING_AGREEMENT_CREATE = "sharing_agreement.create"
    SHARING_AGREEMENT_REVOKE = "sharing_agreement.revoke"

    # places
    FAMILY_GROUP_JUDGE = "family_group.judge"
    CUSTOM_AREA_CREATE = "custom_area.create"
    CUSTOM_AREA_DELETE = "custom_area.delete"
    IMPORT_SUBMIT = "import.submit"
    IMPORT_FAIL_STOPPED = "import.fail_stopped"
    DATASET_IMPORT = "dataset.import"
    DATASET_DESCRIBE = "dataset.describe"
    DATASET_WITHDRAW = "dataset.withdraw"
    AREAS_IMPORT = "areas.import"
    AREAS_LOOKUP = "areas.lookup"
    AREAS_BOUNDARIES = "areas.boundaries"

    # library: one action per moderation step and kind of contribution
    LIBRARY_CASE_STUDY_SUBMITTED = "library.case_study.submitted"
    LIBRARY_CASE_STUDY_EDITED = "library.case_study.edited"
    LIBRARY_CASE_STUDY_PUBLISHED = "library.case_study.published"
    LIBRARY_CASE_STUDY_RETURNED = "library.case_study.returned"
    LIBRARY_CASE_STUDY_HIDDEN = "library.case_study.hidden"
    LIBRARY_CASE_STUDY_RESTORED = "library.case_study.restored"
    LIBRARY_RESOURCE_SUBMITTED = "library.resource.submitted"
    LIBRARY_RESOURCE_EDITED = "library.resource.edited"
    LIBRARY_RESOURCE_PUBLISHED = "library.resource.published"
    LIBRARY_RESOURCE_RETURNED = "library.resource.returned"
    LIBRARY_RESOURCE_HIDDEN = "library.resource.hidden"
    LIBRARY_RESOURCE_RESTORED = "library.resource.restored"

    # forums
    FORUM_GROUP_CREATE = "forum.group.create"
    FORUM_GROUP_UPDATE = "forum.group.update"
    FORUM_MEMBER_JOIN = "forum.member.join"
    FORUM_MEMBER_REQUEST = "forum.member.request"
    FORUM_MEMBER_APPROVE = "forum.member.approve"
    FORUM_MEMBER_DECLINE = "forum.member.decline"
    FORUM_MEMBER_ADD = "forum.member.add"
    FORUM_MEMBER_ROLE = "forum.member.role"
    FORUM_MEMBER_REMOVE = "forum.member.remove"
    FORUM_THREAD_CREATE = "forum.thread.create"
    FORUM_THREAD_MODERATE = "forum.thread.moderate"
    FORUM_POST_CREATE = "forum.post.create"
    FORUM_POST_EDIT = "forum.post.edit"
    FORUM_POST_REPORT = "forum.post.report"
    FORUM_POST_HIDE = "forum.post.hide"
    FORUM_POST_RESTORE = "forum.post.restore"
    FORUM_REPORT_DISMISS = "forum.report.dismiss"
    FORUM_SUBSCRIBE = "forum.subscribe"
    FORUM_UNSUBSCRIBE = "forum.unsubscribe"

    # tensions: reports, their views and triage
    REPORT_CREATE = "report.create"
    REPORT_ADD_INFORMATION = "report.add_information"
    REPORT_VIEW = "report.view"
    REPORT_CONTACT_VIEW = "report_contact.view"
    REPORT_PRIVATE_LINK_VIEW = "report_private_link.view"
    REPORT_LIST = "report.list"
    REPORT_API_LIST = "report.api_list"
    REPORT_EXPORT = "report.export"
    REPORT_TRIAGE = "report.triage"
    REPORT_NOTE = "report.note"
    REPORT_LINK = "report.link"
    REPORT_MERGE = "report.merge"
    REPORT_CONTACT_FIRST = "report.contact_first"
    REPORT_CONTACT_FOLLOW_UP = "report.contact_follow_up"
    REPORT_CONTACT_PURGED = "report.contact_purged"
    # tensions: assessments, responses, contacts, rumours, early warning
    ASSESSMENT_CREATE = "assessment.create"
    ASSESSMENT_UPDATE = "assessment.update"
    ASSESSMENT_VIEW = "assessment.view"
    ASSESSMENT_EXPORT = "assessment.export"
    TRIGGER_EVENT_CREATE = "trigger_event.create"
    RESPONSE_OPEN = "response.open"
    RESPONSE_VIEW = "response.view"
    RESPONSE_TASK = "response.task"
    RESPONSE_COMMUNICATION_PLAN = "response.communication_plan"
    RESPONSE_LOG = "response.log"
    COMMUNITY_CONTACT_SAVE = "community_contact.save"
    COMMUNITY_CONTACT_DELETE = "community_contact.delete"
    COMMUNITY_CONTACT_LIST_VIEW = "community_contact.list_view"
    RUMOUR_SAVE = "rumour.save"
    ALERT_CREATE = "alert.create"
    ALERT_ACKNOWLEDGE = "alert.acknowledge"
    ALERT_WITHDRAW = "alert.withdraw"
    ALERT_SUBSCRIPTION_ADD = "alert_subscription.add"
    ALERT_SUBSCRIPTION_REMOVE = "alert_subscription.remove"

    # background
    EMAIL_RETRY = "email.retry"

    # plans: the mapping exercise, issues, plans and their parts (all recorded against
    # the plan for its history), progress updates and reminders
    PLANS_EXERCISE_CREATE = "plans.mapping.create"
    PLANS_EXERCISE_ITEM = "plans.mapping.item"
    PLANS_EVIDENCE_ADD = "plans.mapping.evidence_add"
    PLANS_EVIDENCE_REMOVE = "plans.mapping.evidence_remove"
    PLANS_PROFILE_VERSION = "plans.mapping.version"
    PLANS_ISSUES_PROPOSE = "plans.issues.propose"
    PLANS_ISSUE_CONFIRM = "plans.issue.confirm"
    PLANS_ISSUE_DISMISS = "plans.issue.dismiss"
    PLANS_ISSUE_ADD = "plans.issue.add"
    PLANS_PLAN_CREATE = "plans.plan.create"
    PLANS_PLAN_UPDATE = "plans.plan.update"
    PLANS_ACTION_CREATE = "plans.action.create"
    PLANS_ACTION_UPDATE = "plans.action.update"
    PLANS_ACTION_DELETE = "plans.action.delete"
    PLANS_ACTION_RATING = "plans.action.rating"
    PLANS_MILESTONE_CREATE = "plans.milestone.create"
    PLANS_MILESTONE_UPDATE = "plans.milestone.update"
    PLANS_MILESTONE_DELETE = "plans.milestone.delete"
    PLANS_TARGET_CREATE = "plans.target.create"
    PLANS_TARGET_UPDATE = "plans.target.update"
    PLANS_TARGET_DELETE = "plans.target.delete"
    PLANS_TARGET_READING = "plans.target.reading"
    PLANS_UPDATE_CREATE = "plans.update.create"
    PLANS_UPDATE_REMINDER = "plans.update.reminder"
    PLANS_PLAN_DRAFT = "plans.plan.draft"
    PLANS_PLAN_AGREED = "plans.plan.agreed"
    PLANS_PLAN_PUBLISHED = "plans.plan.published"
    PLANS_PLAN_IMPORT = "plans.plan.import"
    PLANS_PLAN_EXPORT = "plans.plan.export"

    # assessments: impact assessments, the equality self-assessment, strategy, partnership
    ASSESSMENTS_SETTINGS_UPDATE = "assessments.settings.update"
    ASSESSMENTS_ASSESSMENT_CREATE = "assessments.assessment.create"
    ASSESSMENTS_ASSESSMENT_UPDATE = "assessments.assessment.update"
    ASSESSMENTS_SCREENING_SAVE = "assessments.screening.save"
    ASSESSMENTS_EFFECT_CREATE = "assessments.effect.create"
    ASSESSMENTS_EFFECT_DELETE = "assessments.effect.delete"
    ASSESSMENTS_CONSULTATION_CREATE = "assessments.consultation.create"
    ASSESSMENTS_CONSULTATION_DELETE = "assessments.consultation.delete"
    ASSESSMENTS_MITIGATION_CREATE = "assessments.mitigation.create"
    ASSESSMENTS_CHECKLIST_SAVE = "assessments.checklist.save"
    ASSESSMENTS_SIGN_OFF = "assessments.assessment.sign_off"
    ASSESSMENTS_PUBLISH = "assessments.assessment.publish"
    ASSESSMENTS_REOPEN = "assessments.assessment.reopen"
