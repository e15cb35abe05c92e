"""A survey wave: one round of the residents' survey of one council, with the questions
it asks, how it was collected and sampled, and the invitation codes it sent out.

The sample design decides what the figures may claim: an open (opt-in) wave is not a
probability sample, and every page, file and API answer that shows its results says so.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.places.models import Area


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    POST = "post", _("Post")
    PHONE = "phone", _("Phone")
    FACE_TO_FACE = "face_to_face", _("Face to face")
    MIXED = "mixed", _("Mixed (more than one of these)")


class Design(models.TextChoices):
    ADDRESS_RANDOM = "address_random", _("Address-based random sample")
    STRATIFIED_WARD = "stratified_ward", _("Address-based random sample, stratified by ward")
    OPT_IN = "opt_in", _("Open (opt-in): not a probability sample")


class Wave(ChoiceLabels):
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="survey_waves")
    title = models.CharField(max_length=200)
    # Its name in Welsh, shown to residents on the Welsh pages; a council that publishes
    # only with Welsh gives it (and its own questions' Welsh) before opening or publishing.
    title_cy = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    mode = models.CharField(max_length=12, choices=Mode.choices)
    design = models.CharField(max_length=16, choices=Design.choices)
    questions = models.JSONField(default=list, help_text="Keys of the bank's questions asked")
    open_access = models.BooleanField(
        default=False, help_text="Anyone may answer online without an invitation code.")
    collecting = models.BooleanField(default=False,
                                     help_text="The online questionnaire takes answers.")
    published = models.BooleanField(default=False,
                                    help_text="Results shown to everyone, not only the council.")
    is_demo = models.BooleanField(default=False, help_text="Demonstration data, not a survey.")
    responses_purged_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["council", "starts_on"], name="surveys_wave_council")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_probability(self) -> bool:
        """Whether the responses stand for the population: not when anyone may answer
        (an opt-in design, or an address sample whose questionnaire is open to all)."""
        return self.design != Design.OPT_IN and not self.open_access

    @property
    def retain_until(self) -> datetime.date:
        """The last day the raw responses are kept (the results stay)."""
        days = settings.RETENTION_DAYS["survey_responses"]
        return self.ends_on + datetime.timedelta(days=days)


class OwnQuestion(models.Model):
    """A question of the council's own, asked in one wave beside the bank's.

    ``answers`` is ``[{"code": "1", "en": "...", "cy": "..."}, ...]``.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="own_questions")
    key = models.SlugField(max_length=40)
    text = models.CharField(max_length=400)
    text_cy = models.CharField(max_length=400, blank=True)
    answers = models.JSONField(default=list)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["wave", "key"],
                                               name="surveys_own_question_key")]

    def __str__(self) -> str:
        return self.text


class InvitationBatch(models.Model):
    """Invitation codes made at one time for one mailing (optionally to one ward's
    addresses), downloaded as one file for the mail merge."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitation_batches")
    ward = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    size = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.size} codes"


class Invitation(models.Model):
    """One invitation code sent to one address: it lets one response in, once.

    The response keeps no link to its code, so answers cannot be traced to an address:
    once used, the code says only ``used`` (no time, which could be matched with the
    order responses came in). Only the ward the address is in (``ward``) goes with the
    response.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    batch = models.ForeignKey(InvitationBatch, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="invitations")
    code = models.CharField(max_length=12, unique=True)
    ward = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code
