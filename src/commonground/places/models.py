"""Areas with ONS codes, in the statistical hierarchy, with simplified boundaries."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from commonground.core.choices import ChoiceLabels


class AreaLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    REGION = "region", _("Region")
    COUNCIL = "council", _("Council")
    WARD = "ward", _("Ward")
    LSOA = "lsoa", _("Lower layer super output area")
    OA = "oa", _("Output area")


class Area(ChoiceLabels):
    """A statistical or administrative area: England, the North West, Trafford, a ward...

    ``parent`` follows the ONS hierarchy (output area -> LSOA -> ward -> council ->
    region -> country) as far as the lookups give it: an LSOA hangs from its best-fit
    ward where that ward is of the LSOA's own council, otherwise from the council.
    ``council`` is the council an area below council level is in, however deep, so
    "the council's LSOAs" is one indexed filter whatever the nesting; importers set it
    from the parent. The boundary is a GeoJSON geometry (WGS84), with its bounding box
    kept alongside so "which ward is this point in" only tests the few shapes whose
    boxes contain the point.
    """

    code = models.CharField(max_length=9, unique=True, help_text="ONS (GSS) code")
    name = models.CharField(max_length=200)
    name_cy = models.CharField(max_length=200, blank=True,
                               help_text="Welsh name (Welsh councils and wards)")
    level = models.CharField(max_length=10, choices=AreaLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    council = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="council_areas",
        help_text="The council this ward, LSOA or output area is in; empty from council up.",
    )
    boundary = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry, WGS84")
    min_lon = models.FloatField(null=True, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["level", "parent"], name="area_level_parent"),
            models.Index(fields=["council", "level"], name="area_council_level"),
            models.Index(fields=["level", "min_lon", "max_lon", "min_lat", "max_lat"],
                         name="area_bbox"),
        ]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str | None) -> str:
        """The name in ``language``: Welsh where asked for and the area has one."""
        if self.name_cy and (language or "").startswith("cy"):
            return self.name_cy
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language (Django's active language)."""
        return self.name_in(translation.get_language())


class AreasStamp(models.Model):
    """One row whose ``version`` goes up each time an import of areas commits a change
    (new areas, names, parents, boundaries: ``importing.areas_changed``), so the data
    version (``selectors.data_version``) and the pages and values kept under it move
    with the areas as they do with the datasets."""

    id = models.PositiveSmallIntegerField(primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"areas version {self.version}"


class DatasetKind(models.TextChoices):
    COUNTS = "counts", _("Counts of people in groups")
    VALUES = "values", _("Numeric values (rates, scores)")
    CATEGORIES = "categories", _("Categories (a classification)")


class Dataset(ChoiceLabels):
    """One published table: its source, licence, period, geography and columns.

    ``columns`` is the ordered list of ``{"key", "label"}`` of the table; each area's
    numbers sit in one :class:`AreaValues` row in that order. An uploaded dataset belongs
    to the uploading organisation (``organisation``); open data loaded by commands has none.
    """

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=DatasetKind.choices)
    level = models.CharField(max_length=10, choices=AreaLevel.choices)
    period = models.CharField(max_length=40, blank=True, help_text="e.g. 2021-03-21")
    source = models.CharField(max_length=300, blank=True)
    publisher_url = models.URLField(blank=True)
    licence = models.CharField(
        max_length=200, blank=True,
        default="Open Government Licence v3.0",
    )
    attribution = models.CharField(
        max_length=300, blank=True,
        default="Contains public sector information licensed under the Open Government "
                "Licence v3.0",
    )
    columns = models.JSONField(default=list, help_text='[{"key": ..., "label": ...}, ...]')
    has_total = models.BooleanField(default=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE,
        related_name="datasets", help_text="Empty for open data shared with everyone.",
    )
    row_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def keys(self) -> list[str]:
        return [c["key"] for c in self.columns]

    @property
    def labels(self) -> list[str]:
        return [c["label"] for c in self.columns]


class AreaValues(models.Model):
    """All of one area's numbers in one dataset: one row, not one row per cell.

    35,672 LSOAs x 5 groups is 35,672 rows, read back in one query per council. ``values``
    is a JSON list in the dataset's column order (``null`` for a missing value; strings
    for a categories dataset); ``total`` is the area total for counts datasets.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="rows")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="values")
    values = models.JSONField()
    total = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dataset", "area"], name="one_row_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id}:{self.area_id}"


class FamilyGroupJudgement(models.Model):
    """A council's own knowledge for its family group: industrial decline and an override.

    The Framework asks councils to judge their group with local knowledge; the computed
    group stays visible beside the override, and every change is audited.
    """

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="family_judgement")
    industrial_decline = models.BooleanField(null=True, blank=True)
    override_group = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Family group judgement for {self.area}"


class CustomArea(ChoiceLabels):
    """A neighbourhood a council defines from wards, LSOAs or output areas of its own.

    Members may mix levels (a ward and some LSOAs of the next ward) but never overlap.
    Private to the council's organisation; its indicators are computed from its members'
    counts each time they are shown.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="custom_areas"
    )
    council = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="custom_areas")
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=10, choices=AreaLevel.choices, blank=True,
                             help_text="The members' level; empty when they mix levels.")
    members = models.ManyToManyField(Area, related_name="in_custom_areas")
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Checking the file")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")


def upload_path(job: ImportJob, file_name: str) -> str:
    # A name of our own: the uploader's is kept in file_name, and never becomes a path.
    return f"imports/{uuid.uuid4().hex}{Path(file_name).suffix.lower()[:10]}"


class ImportJob(ChoiceLabels):
    """An uploaded file waiting for, or done with, its import in the background.

    The file is kept in the default storage (a folder, or an S3-compatible store when
    configured: docs/configuration.md), so a worker on another machine reads what the web
    server received; it is deleted once the import has finished. ``problems`` lists every
    fault found (file, line, field, message); a failed job imported nothing.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    file_name = models.CharField(max_length=200)
    upload = models.FileField(upload_to=upload_path, max_length=200, blank=True)
    options = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED,
                              db_index=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done")
    problems = models.JSONField(default=list)
    summary = models.CharField(max_length=300, blank=True)
    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import of {self.file_name}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
