"""The service's glossary (data/glossary.yaml) and the check that Welsh uses its terms.

A message whose English uses a term ("ward", "family groups") must use the glossary's Welsh
for it, in any mutated or plural form ("ward", "wardiau"; "grŵp teulu", "ngrŵp teulu"), so
one thing is called one thing everywhere. A translator's comment ``# glossary: not "ward"``
on an entry says the English word is used in another sense there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog, Message

from commonground.core.welsh import mutations

GLOSSARY_FILE = Path(__file__).resolve().parents[3] / "data" / "glossary.yaml"
EXEMPTION = re.compile(r'glossary:\s*not\s+"([^"]+)"')


@dataclass(frozen=True)
class Term:
    en: str
    cy: str
    en_plural: str = ""
    cy_plural: str = ""
    gender: str = ""
    note: str = ""
    check: bool = True
    # For verbs: the stem every form starts with ("mewngofnod-": mewngofnodi, mewngofnodwch).
    cy_stem: str = ""

    @property
    def english_pattern(self) -> re.Pattern[str]:
        words = [re.escape(w) for w in (self.en, self.en_plural) if w]
        return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)

    def welsh_forms(self) -> set[str]:
        forms: set[str] = set()
        for phrase in (self.cy, self.cy_plural):
            if phrase:
                first, _, rest = phrase.partition(" ")
                forms |= {f"{m} {rest}".strip() for m in mutations(first)}
        return forms

    def used_in_welsh(self, welsh: str) -> bool:
        text = welsh.lower()
        if self.cy_stem and any(re.search(r"(?<![\w-])" + re.escape(stem), text)
                                for stem in mutations(self.cy_stem)):
            return True
        return any(re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text)
                   for form in self.welsh_forms())


@cache
def terms(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return tuple(Term(**entry) for entry in data["terms"])


def _english(message: Message) -> str:
    return " ".join(message.id) if isinstance(message.id, (list, tuple)) else message.id


def _welsh(message: Message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return [s for s in message.string if s]
    return [message.string] if message.string else []


def message_problems(message: Message, glossary: tuple[Term, ...]) -> list[str]:
    english = re.sub(r"<[^>]+>|%\(\w+\)[sd]", " ", _english(message))
    welsh = _welsh(message)
    if not welsh:
        return []  # no Welsh yet: the catalogue check reports that
    exempt = set(EXEMPTION.findall(" ".join(message.user_comments)))
    found = []
    # Longer terms first; a phrase that satisfies "community cohesion" also uses "cohesion".
    for term in sorted(glossary, key=lambda t: -len(t.en)):
        if not term.check or term.en in exempt or not term.english_pattern.search(english):
            continue
        # Every plural form names the thing; the zero form may say "Dim ..." without it.
        checked = welsh[1:] if len(welsh) > 1 else welsh
        if not all(term.used_in_welsh(w) for w in checked):
            found.append(f"{_english(message)!r}: uses “{term.en}”, so the Welsh should use "
                         f"“{term.cy}” (glossary), not {welsh[-1]!r}")
    return found


def catalog_problems(catalog: Catalog, glossary: tuple[Term, ...] | None = None) -> list[str]:
    glossary = terms() if glossary is None else glossary
    return [p for message in catalog if message.id for p in message_problems(message, glossary)]
