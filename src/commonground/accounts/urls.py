from django.urls import path

from commonground.accounts.views import audit_log, organisations, profile, sharing, signin

app_name = "accounts"

urlpatterns = [
    path("sign-in/", signin.sign_in, name="sign-in"),
    path("sign-out/", signin.sign_out, name="sign-out"),
    path("password-reset/", signin.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", signin.PasswordResetSentView.as_view(),
         name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", signin.PasswordResetConfirmView.as_view(),
         name="password-reset-confirm"),
    path("password-reset/done/", signin.PasswordResetCompleteView.as_view(),
         name="password-reset-complete"),
    path("", profile.profile, name="profile"),
    path("profile/", profile.update_profile, name="update-profile"),
    path("tokens/", profile.create_token, name="create-token"),
    path("tokens/<int:token_id>/revoke/", profile.revoke_token, name="revoke-token"),
    path("organisations/<slug:slug>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/invite/", organisations.invite, name="invite"),
    path("organisations/<slug:slug>/welsh/", organisations.welsh_setting, name="welsh-setting"),
    path("organisations/<slug:slug>/sharing/", sharing.sharing, name="sharing"),
    path("sharing/<int:agreement_id>/revoke/", sharing.revoke_sharing, name="revoke-sharing"),
    path("invitations/<int:invitation_id>/revoke/", organisations.revoke_invitation,
         name="revoke-invitation"),
    path("memberships/<int:membership_id>/role/", organisations.change_role, name="change-role"),
    path("memberships/<int:membership_id>/remove/", organisations.remove_member,
         name="remove-member"),
    path("invitation/<str:token>/", organisations.accept_invitation, name="accept-invitation"),
    path("audit/", audit_log.audit_log, name="audit-log"),
    path("audit/export.csv", audit_log.audit_export, name="audit-export"),
]
