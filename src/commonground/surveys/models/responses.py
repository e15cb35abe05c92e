"""Responses to a wave, whether answered online or imported from a contractor's file,
and the imports themselves.

Respondents are anonymous: a response holds its answers, its ward and the day it came
in, nothing that names or locates a person. ``comment`` (free text) is never published:
no results page, file or API answer shows it. Raw responses are deleted when the wave's
retention period ends (``Wave.retain_until``); its results stay.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.core.choices import ChoiceLabels
from commonground.places.models import Area
from commonground.surveys.models.waves import Wave


class Source(models.TextChoices):
    ONLINE = "online", _("Online questionnaire")
    IMPORT = "import", _("Imported file")
    DEMO = "demo", _("Demonstration data")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Checking the file")
    CHECKED = "checked", _("Checked: ready to import")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")


class ResponseImport(ChoiceLabels):
    """A contractor's file checked (``dry_run``) or imported into a wave.

    The file is held in ``content`` until its check or import has finished: survey files
    are small, and the database is what a worker on another machine shares with the web
    server. ``problems`` lists every fault found (file, line, column, message); a failed
    import saved nothing.
    """

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(max_length=200)
    content = models.TextField(blank=True)
    dry_run = models.BooleanField(default=True)
    language = models.CharField(max_length=8, default="en",
                                help_text="The language its problems are written in")
    status = models.CharField(max_length=10, choices=ImportStatus.choices,
                              default=ImportStatus.QUEUED)
    problems = models.JSONField(default=list)
    rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, help_text="Responses per answer column")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.CHECKED, ImportStatus.DONE, ImportStatus.FAILED)


class Response(ChoiceLabels):
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    ward = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    answers = models.JSONField(default=dict, help_text="Answer code by question key")
    comment = models.TextField(blank=True, help_text="Free text: never published")
    source = models.CharField(max_length=8, choices=Source.choices)
    imported_by = models.ForeignKey(ResponseImport, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    received_on = models.DateField()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["wave", "ward"], name="surveys_response_wave")]

    def __str__(self) -> str:
        return f"Response {self.pk}"
