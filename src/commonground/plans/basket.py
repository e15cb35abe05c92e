"""Annex B's basket, read from data/plans/basket.yaml and joined to the library's influences.

The file is read once per process; a broken file stops with a message naming the file,
the item and the field. :func:`is_fresh` applies the file's rule for stale data.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commonground.library.models import Influence

GROUP_TITLES = {
    "community-characteristics": _("Community characteristics"),
    "individual-characteristics": _("Individuals' characteristics"),
    "individual-attitudes": _("Individuals' attitudes"),
    "individual-actions": _("Individuals' actions"),
}


class BasketError(ValueError):
    """The basket file is missing, unreadable or names something that is not there."""


@dataclass(frozen=True)
class BasketItem:
    id: str
    group: str
    influence: str  # an influence id, or ""
    title: str  # for items that are not influences
    suggested: tuple[str, ...]
    measures: tuple[str, ...]


@dataclass(frozen=True)
class Basket:
    items: tuple[BasketItem, ...]
    groups: tuple[str, ...]
    stale_after_years: int
    stale_by_source: dict[str, int]

    def item(self, item_id: str) -> BasketItem | None:
        return next((i for i in self.items if i.id == item_id), None)


def path() -> Path:
    return Path(settings.BASE_DIR) / "data" / "plans" / "basket.yaml"


@functools.cache
def load() -> Basket:
    file = path()
    try:
        data: dict[str, Any] = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BasketError(f"{file}: cannot be read ({exc})") from None
    groups = tuple(g["id"] for g in data["groups"])
    items = []
    seen: set[str] = set()
    for raw in data["items"]:
        item_id = str(raw.get("id", ""))
        if not item_id or item_id in seen:
            raise BasketError(f"{file}: item '{item_id}', field 'id': missing or repeated")
        seen.add(item_id)
        if raw.get("group") not in groups:
            raise BasketError(f"{file}: item '{item_id}', field 'group': unknown group "
                              f"{raw.get('group')}")
        if not raw.get("influence") and not raw.get("title"):
            raise BasketError(f"{file}: item '{item_id}': give an influence or a title")
        items.append(BasketItem(
            id=item_id, group=raw["group"], influence=raw.get("influence") or "",
            title=raw.get("title") or "", suggested=tuple(raw.get("suggested") or ()),
            measures=tuple(raw.get("measures") or ())))
    meta = data.get("meta", {})
    return Basket(items=tuple(items), groups=groups,
                  stale_after_years=int(meta.get("stale_after_years", 5)),
                  stale_by_source={str(k): int(v) for k, v in
                                   (meta.get("stale_after_years_by_source") or {}).items()})


def influences() -> dict[str, Influence]:
    """The library's influences named by the basket, by id (one query)."""
    wanted = [i.influence for i in load().items if i.influence]
    return {i.slug: i for i in Influence.objects.filter(slug__in=wanted)}


def period_date(period: str) -> datetime.date | None:
    """The date a dataset's period describes: an ISO date, or 1 January of its first year."""
    text = (period or "").strip()
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        pass
    found = re.search(r"(19|20)\d\d", text)
    return datetime.date(int(found.group(0)), 1, 1) if found else None


def stale_after(source_slug: str) -> int:
    basket = load()
    for prefix, years in basket.stale_by_source.items():
        if source_slug.startswith(prefix):
            return years
    return basket.stale_after_years


def is_fresh(as_of: datetime.date | None, source_slug: str, today: datetime.date) -> bool | None:
    if as_of is None:
        return None
    age_days = (today - as_of).days
    return age_days <= 365.25 * stale_after(source_slug)
