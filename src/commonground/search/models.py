"""The search index: one row per searchable thing, plus its facet values.

The full-text structures are engine-specific and made by the migration: an FTS5
table kept in step by triggers on SQLite, a generated ``tsvector`` column with a GIN
index on PostgreSQL. Django never reads or writes them directly.
"""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # "public" or an access key such as "forum-group:12" (see access providers).
    access = models.CharField(max_length=100, default="public")
    published = models.DateField(null=True, blank=True)
    facets = models.JSONField(default=dict, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "core_search_document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="search_document_kind_key"),
        ]
        indexes = [models.Index(fields=["access"], name="search_document_access")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class SearchFacet(models.Model):
    """One facet value of a document, so filters and counts are plain indexed SQL."""

    document = models.ForeignKey(
        SearchDocument, on_delete=models.CASCADE, related_name="facet_rows"
    )
    name = models.CharField(max_length=40)
    value = models.CharField(max_length=200)

    class Meta:
        db_table = "core_search_facet"
        indexes = [
            models.Index(fields=["name", "value", "document"], name="search_facet_lookup"),
            models.Index(fields=["document", "name"], name="search_facet_document"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class SearchStamp(models.Model):
    """One row whose ``stamp`` changes (to a random value) whenever any facet row does.

    Set by database triggers made in migration 0003, so every writer, including bulk
    loads and rolled-back transactions, is covered. Processes compare it with the stamp
    of their in-memory facet index (``facetindex``) to know when to reload it.
    """

    id = models.PositiveSmallIntegerField(primary_key=True)
    stamp = models.CharField(max_length=64)

    class Meta:
        db_table = "core_search_stamp"

    def __str__(self) -> str:
        return self.stamp
