"""Areas with ONS codes, in the statistical hierarchy, with simplified boundaries."""

from __future__ import annotations

from django.db import models


class AreaLevel(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    COUNCIL = "council", "Council"
    WARD = "ward", "Ward"
    LSOA = "lsoa", "Lower layer super output area"
    OA = "oa", "Output area"


class Area(models.Model):
    """A statistical or administrative area: England, the North West, Trafford, a ward...

    ``parent`` follows the ONS hierarchy (output area -> LSOA -> ward -> council ->
    region -> country) as the lookups give it. The boundary is a GeoJSON geometry
    (WGS84), with its bounding box kept alongside so "which ward is this point in"
    only tests the few shapes whose boxes contain the point.
    """

    code = models.CharField(max_length=9, unique=True, help_text="ONS (GSS) code")
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=AreaLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
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
            models.Index(fields=["level", "min_lon", "max_lon", "min_lat", "max_lat"],
                         name="area_bbox"),
        ]

    def __str__(self) -> str:
        return self.name
