"""Discussion groups, their members, threads, posts, reports and subscriptions.

A group is open (anyone signed in reads and joins), closed (listed; threads for
members; joining needs a manager's approval) or private (invisible to non-members).
Posts are Markdown, rendered through ``core.markdown`` when shown; nothing is ever
deleted: moderators hide a post with a reason, and edits keep the earlier text.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core.choices import ChoiceLabels


class Visibility(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in can read and join")
    CLOSED = "closed", _("Closed: listed, but only members read it; managers approve members")
    PRIVATE = "private", _("Private: only members know it exists; managers add members")


class Group(ChoiceLabels):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=300, help_text=_("One sentence shown in the list."))
    about = models.TextField(
        blank=True,
        help_text=_("The group's information page (Markdown): purpose, links, contacts."),
    )
    # The Welsh of the name, summary and information page; the regional forums have it
    # from the start (migration 0003), a Welsh page shows the English marked lang="en"
    # where a group has none (core.bilingual).
    name_cy = models.CharField(max_length=120, blank=True)
    summary_cy = models.CharField(max_length=300, blank=True)
    about_cy = models.TextField(blank=True)
    visibility = models.CharField(max_length=10, choices=Visibility.choices)
    # Regional forums carry the ONS code and name of their region (E12..., W92000004).
    region_code = models.CharField(max_length=9, blank=True, db_index=True)
    region_name = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_regional(self) -> bool:
        return bool(self.region_code)


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MANAGER = "manager", _("Manager")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    PENDING = "pending", _("Asked to join")


class GroupMembership(ChoiceLabels):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    status = models.CharField(
        max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="forum_one_membership_each"),
        ]
        indexes = [models.Index(fields=["user", "status"], name="forum_member_user_status")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.get_status_display()})"


class Thread(models.Model):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(max_length=150)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_threads"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    # True while the opening post is hidden: the whole thread is then hidden with it.
    is_hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-id"]
        indexes = [
            models.Index(fields=["group", "is_hidden", "-is_pinned", "-last_post_at"],
                         name="forum_thread_listing"),
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_posts"
    )
    body = models.TextField(help_text=_("Markdown"))
    is_opening = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at"], name="forum_post_thread_time")]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PostRevision(models.Model):
    """The text a post had before an edit, kept so moderators can see what was said."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    title = models.CharField(max_length=150, blank=True)
    replaced_at = models.DateTimeField()

    class Meta:
        ordering = ["-replaced_at", "-id"]

    def __str__(self) -> str:
        return f"Earlier text of post {self.post_id}"


class Mention(models.Model):
    """Who a post mentions; kept so that an edit notifies only the newly mentioned."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="forum_one_mention_each"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in post {self.post_id}"


class Report(ChoiceLabels):
    class Outcome(models.TextChoices):
        OPEN = "open", "Waiting"
        HIDDEN = "hidden", "Post hidden"
        DISMISSED = "dismissed", "No action"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], condition=Q(outcome="open"),
                                    name="forum_one_open_report_each"),
        ]
        indexes = [models.Index(fields=["outcome", "created_at"], name="forum_report_queue")]

    def __str__(self) -> str:
        return f"Report of post {self.post_id}"


class Subscription(models.Model):
    """Email me about new posts in this thread, or in every thread of this group."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="forum_subscriptions")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="subscriptions")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=True, thread__isnull=False)
                | Q(group__isnull=False, thread__isnull=True),
                name="forum_subscription_to_one_thing",
            ),
            models.UniqueConstraint(fields=["user", "group"], condition=Q(thread__isnull=True),
                                    name="forum_one_group_subscription"),
            models.UniqueConstraint(fields=["user", "thread"], condition=Q(group__isnull=True),
                                    name="forum_one_thread_subscription"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.thread or self.group}"
