from django.urls import path

from commonground.forums.views import groups, moderation, search, threads

app_name = "forums"

urlpatterns = [
    path("", groups.index, name="index"),
    path("search/", search.search, name="search"),
    path("subscriptions/", threads.my_subscriptions, name="subscriptions"),
    path("subscriptions/<int:subscription_id>/remove/", threads.unsubscribe,
         name="unsubscribe"),
    path("moderation/", moderation.queue, name="moderation"),
    path("reports/<int:report_id>/dismiss/", moderation.dismiss, name="dismiss-report"),
    path("groups/new/", groups.new_group, name="new-group"),
    path("groups/<slug:slug>/", groups.group_detail, name="group"),
    path("groups/<slug:slug>/information/", groups.edit_group, name="edit-group"),
    path("groups/<slug:slug>/join/", groups.join, name="join"),
    path("groups/<slug:slug>/leave/", groups.leave, name="leave"),
    path("groups/<slug:slug>/follow/", groups.subscribe_group, name="subscribe-group"),
    path("groups/<slug:slug>/members/", groups.members, name="members"),
    path("groups/<slug:slug>/members/add/", groups.add_member, name="add-member"),
    path("groups/<slug:slug>/new-thread/", threads.new_thread, name="new-thread"),
    path("members/<int:membership_id>/decide/", groups.decide, name="decide"),
    path("members/<int:membership_id>/role/", groups.set_role, name="set-role"),
    path("members/<int:membership_id>/remove/", groups.remove_member, name="remove-member"),
    path("threads/<int:thread_id>/", threads.thread_detail, name="thread"),
    path("threads/<int:thread_id>/reply/", threads.reply, name="reply"),
    path("threads/<int:thread_id>/follow/", threads.subscribe_thread, name="subscribe-thread"),
    path("threads/<int:thread_id>/moderate/", moderation.thread_state, name="thread-state"),
    path("posts/<int:post_id>/edit/", threads.edit_post, name="edit-post"),
    path("posts/<int:post_id>/history/", threads.post_history, name="post-history"),
    path("posts/<int:post_id>/report/", moderation.report, name="report-post"),
    path("posts/<int:post_id>/hide/", moderation.hide, name="hide-post"),
    path("posts/<int:post_id>/restore/", moderation.restore, name="restore-post"),
]
