"""Readable, unique URL slugs for things people name (organisations, groups, contributions)."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


def unique_slug(model: type[models.Model], text: str, *, fallback: str,
                max_length: int = 90) -> str:
    """``slugify(text)``, with ``-2``, ``-3``... added until no ``model`` row has it.

    Callers run inside the transaction that saves the row, and the slug column is
    unique, so a rare race ends in an integrity error rather than a duplicate.
    """
    base = slugify(text)[:max_length].strip("-") or fallback
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
