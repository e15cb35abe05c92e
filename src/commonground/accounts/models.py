"""Users belong to organisations through memberships that carry a role.

A platform moderator (``is_moderator``) keeps the shared library and forums tidy;
a platform admin (``is_superuser``) runs the deployment. Neither role gives access
to an organisation's private data by itself: that follows membership.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonground.core.choices import ChoiceLabels
from commonground.core.languages import Language


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(ChoiceLabels, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text=_("Can use the Django admin."))
    is_moderator = models.BooleanField(
        default=False, help_text=_("Moderates the shared library and forums.")
    )
    date_joined = models.DateTimeField(default=timezone.now)
    # The language of the pages (once signed in) and of every email the person receives.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", _("Council")
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("School or college")
    VCF = "vcf", _("Voluntary, community or faith group")
    OTHER = "other", _("Other")


# ONS codes of local authority districts and unitary authorities (England E06-E09,
# Wales W06), and county councils (E10), which councils cover.
council_code_validator = RegexValidator(
    r"^(E0[6-9]|E10|W06)\d{6}$",
    "Enter the ONS code of the council's area, like E08000009.",
)


class Organisation(ChoiceLabels):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    area_code = models.CharField(
        max_length=9, blank=True, validators=[council_code_validator],
        help_text=_("For councils: the ONS code of the council's area."),
    )
    # The library publishes this organisation's contributions only with a Welsh title and
    # summary. On from the start for a Welsh council (its code starts with W).
    welsh_required = models.BooleanField(
        default=False, help_text=_("Publish contributions only with a Welsh title and summary."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="council") & ~Q(area_code="") | ~Q(kind="council"),
                name="council_has_area_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and self.is_welsh_council:
            self.welsh_required = True
        super().save(*args, **kwargs)

    @property
    def is_welsh_council(self) -> bool:
        return self.kind == OrganisationKind.COUNCIL and self.area_code.upper().startswith("W")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    OFFICER = "officer", _("Officer")
    ANALYST = "analyst", _("Analyst")
    ADMIN = "admin", _("Administrator")


class Membership(ChoiceLabels):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_each"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} ({self.get_role_display()})"


class Invitation(ChoiceLabels):
    """An invitation by email. Only a hash of its token is stored; the link holds the token."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The language the invitation was written in (the inviting page's); it is the
    # invitee's email language until they have an account of their own.
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.organisation}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class ApiToken(models.Model):
    """A personal API token. The secret is shown once; only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text=_("The first characters, to recognise it."))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SharingAgreement(models.Model):
    """What one organisation's tension reports another organisation may see.

    A council (``owner``) shares reports of the listed categories with a partner
    (``partner``), with or without the reporters' contact details, and optionally its
    weekly tension assessments. Categories are kept as plain strings here because
    accounts imports no other app; the tensions app names them.
    """

    owner = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                              related_name="agreements_given")
    partner = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="agreements_received")
    categories = models.JSONField(default=list, blank=True,
                                  help_text=_("Report categories shared (their codes)."))
    include_contact_details = models.BooleanField(default=False)
    include_assessments = models.BooleanField(default=False)
    purpose = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["owner__name", "partner__name", "-starts_on"]
        indexes = [models.Index(fields=["partner", "owner"], name="agreement_partner_owner")]

    def __str__(self) -> str:
        return f"{self.owner} shares with {self.partner}"

    def is_active_on(self, day: Any) -> bool:
        return (self.revoked_at is None and self.starts_on <= day
                and (self.ends_on is None or self.ends_on >= day))
