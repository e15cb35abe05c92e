"""The Welsh translation catalogues: find them, fill them from the code, compile and check them.

Each app keeps its own catalogue (``src/commonground/<app>/locale/cy/LC_MESSAGES/django.po``),
so people working on different apps never edit the same file; strings of the shared layout
(``src/commonground/templates``) and Django's own messages that Django leaves untranslated in
Welsh live in the project catalogue (``src/commonground/locale``). Babel does the work GNU
gettext would (extracting, merging, compiling), so a fresh machine needs nothing but PyPI.

Compiled ``.mo`` files are built, never committed: several people change catalogues at once,
and binary files cannot be merged. ``python -m commonground.core.catalogues compile`` builds
the stale ones (``make run``, ``make test`` and ``make setup`` call it).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # src/commonground
LANGUAGE = "cy"
# CLDR's six Welsh plural categories (zero, one, two, few, many, other), in CLDR's order;
# Django's own Welsh catalogue uses an older four-form rule, and Django keeps each
# catalogue's rule apart, so the two live side by side.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
PLURAL_FORMS = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);"
# Fixed dates keep the header byte-for-byte stable, so updating changes only what changed.
HEADER_DATE = datetime(2025, 1, 1)  # noqa: DTZ001 - a constant written into a header
PROJECT = "Common Ground"
DOMAIN = "django"

# The functions and template tags that mark a string (argument positions, "c" = context).
# N_ is gettext_noop: a text kept in English where it is stored or sent (an API field),
# translated where a page shows it.
KEYWORDS: dict[str, Any] = {
    "_": None, "N_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None,
    "ngettext": (1, 2), "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("Translators:",)
SKIP_DIRS = {"migrations", "locale", "static", "__pycache__", "node_modules"}
TEMPLATE_SUFFIXES = {".html", ".txt"}
# Django's own catalogues whose untranslated Welsh messages the project catalogue fills:
# the ones whose messages reach our pages (validation, sign-in, passwords, dates, numbers).
DJANGO_CATALOGUES = ("conf", "contrib/auth", "contrib/humanize")
# Parts of Django whose messages never reach our pages: its welcome and CSRF debug pages
# (ours replace them), language names, and the admin's descriptions of users and hashes.
DJANGO_UNSEEN = ("views/templates/", "views/csrf.py", "conf/global_settings.py",
                 "contrib/auth/admin.py", "contrib/auth/hashers.py", "contrib/auth/models.py",
                 "contrib/auth/validators.py", "contrib/auth/templates/")

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]|\{(\w*)\}|(?<!%)(%[sdif])")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")


@dataclass(frozen=True)
class Catalogue:
    """One catalogue and the source files whose marked strings belong in it."""

    name: str  # "project" or the app's directory name
    root: Path  # the directory whose locale/ holds the catalogue

    @property
    def po_path(self) -> Path:
        return self.root / "locale" / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"

    @property
    def mo_path(self) -> Path:
        return self.po_path.with_suffix(".mo")

    def sources(self) -> Iterator[Path]:
        if self.name == "project":
            yield from sorted(p for p in self.root.glob("*.py"))
            yield from _walk(self.root / "templates", templates=True)
        else:
            yield from _walk(self.root)


def _walk(directory: Path, *, templates: bool = False) -> Iterator[Path]:
    """Python files, and Django templates (files under a ``templates`` directory)."""
    if not directory.is_dir():
        return
    for path in sorted(directory.rglob("*")):
        parts = path.relative_to(directory).parts[:-1]
        if any(part in SKIP_DIRS for part in parts):
            continue
        if path.suffix == ".py" or (
            path.suffix in TEMPLATE_SUFFIXES and (templates or "templates" in parts)
        ):
            yield path


def catalogues(package_dir: Path = PACKAGE_DIR) -> list[Catalogue]:
    """The project catalogue and one per app: every package directory under src/commonground
    that holds Python files (apps added later get theirs without anyone listing them)."""
    found = [Catalogue("project", package_dir)]
    for child in sorted(package_dir.iterdir()):
        if child.is_dir() and child.name not in SKIP_DIRS and (child / "__init__.py").exists():
            found.append(Catalogue(child.name, child))
    return found


# -- extracting -------------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    """A marked string as found in the code."""

    msgid: str | tuple[str, str]
    context: str | None
    location: tuple[str, int]
    comments: tuple[str, ...]
    python_format: bool


def extract_file(path: Path, relative_to: Path) -> Iterator[Marked]:
    source = path.read_text(encoding="utf-8")
    if path.suffix in TEMPLATE_SUFFIXES:
        # Django turns a template into Python-looking text with gettext() calls, keeping
        # line numbers; Babel's Python extractor reads that.
        from django.utils.translation.template import templatize

        source = templatize(source, origin=str(path))
        # Not real Python: drop indentation so the tokenizer sees no blocks to match.
        source = "\n".join(line.lstrip() for line in source.split("\n"))
    where = str(path.relative_to(relative_to)) if path.is_relative_to(relative_to) else str(path)
    for lineno, messages, comments, context in extract(
        "python", io.BytesIO(source.encode("utf-8")), keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS, options={"encoding": "utf-8"}, strip_comment_tags=True,
    ):
        msgid: str | tuple[str, str]
        if isinstance(messages, tuple):
            if len(messages) == 2 and messages[1] is not None:
                msgid = (messages[0], messages[1])
            else:
                msgid = messages[0]
        else:
            msgid = messages
        if not msgid or (isinstance(msgid, str) and not msgid.strip()):
            continue
        text = " ".join(msgid) if isinstance(msgid, tuple) else msgid
        yield Marked(msgid=msgid, context=context, location=(where, lineno),
                     comments=tuple(comments), python_format="%" in text)


def marked_strings(catalogue: Catalogue) -> list[Marked]:
    found: list[Marked] = []
    for path in catalogue.sources():
        found.extend(extract_file(path, PACKAGE_DIR.parents[1]))
    return found


def django_untranslated() -> list[Marked]:
    """Django's own messages that its Welsh catalogues leave untranslated or fuzzy (the
    English catalogue says where each is used; the Welsh one says what is translated)."""
    import django

    django_dir = Path(django.__file__).resolve().parent
    missing: list[Marked] = []
    for part in DJANGO_CATALOGUES:
        catalogs = {}
        for language in ("en", LANGUAGE):
            po = django_dir / part / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
            with po.open("rb") as handle:
                catalogs[language] = read_po(handle, locale=language)
        for message in catalogs["en"]:
            if not message.id:
                continue
            welsh = catalogs[LANGUAGE].get(message.id, message.context)
            if welsh is not None and _complete(welsh):
                continue
            files = [f for f, _ in message.locations]
            if files and all(f.startswith(DJANGO_UNSEEN) for f in files):
                continue
            missing.append(Marked(
                msgid=message.id if isinstance(message.id, str) else (message.id[0], message.id[1]),
                context=message.context,
                location=(f"django/{files[0] if files else part}", 0),
                comments=(), python_format=message.python_format,
            ))
    return missing


def template_for(catalogue: Catalogue) -> Catalog:
    """What the catalogue should hold: every marked string of its sources."""
    template = Catalog(locale=LANGUAGE, domain=DOMAIN, project=PROJECT,
                       creation_date=HEADER_DATE, revision_date=HEADER_DATE)
    marked = marked_strings(catalogue)
    if catalogue.name == "project":
        marked += django_untranslated()
    for item in marked:
        flags = ["python-format"] if item.python_format else []
        existing = template.get(item.msgid, item.context)
        if existing is not None:
            existing.locations.append(item.location)
            continue
        template.add(item.msgid, locations=[item.location], flags=flags,
                     auto_comments=list(item.comments), context=item.context)
    return template


# -- updating and compiling -------------------------------------------------------------


HEADER_COMMENT = """\
# Welsh (Cymraeg) for Common Ground. Kept up to date by `commonground catalogues update`;
# write the Welsh in the msgstr lines (DEVELOPERS.md, "Welsh").
#"""


def _new_catalog() -> Catalog:
    catalog = Catalog(locale=LANGUAGE, domain=DOMAIN, project=PROJECT, version="1",
                      creation_date=HEADER_DATE, revision_date=HEADER_DATE,
                      language_team="Cymraeg", last_translator="Common Ground contributors",
                      msgid_bugs_address="Common Ground contributors",
                      header_comment=HEADER_COMMENT)
    return catalog


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=LANGUAGE, domain=DOMAIN)


def _write(catalog: Catalog, path: Path) -> None:
    catalog.creation_date = HEADER_DATE
    catalog.revision_date = HEADER_DATE
    catalog.fuzzy = False
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    # Sorted by msgid, file names without line numbers: two people adding strings to
    # one catalogue touch different lines, and moving code does not rewrite the file.
    write_po(buffer, catalog, width=100, sort_output=True, include_lineno=False,
             ignore_obsolete=True)
    text = buffer.getvalue().decode("utf-8")
    text = re.sub(r'"Generated-By: [^"]*\\n"\n', "", text)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def update(catalogue: Catalogue) -> tuple[int, int]:
    """Bring the catalogue in line with the code: add new strings (untranslated), keep the
    Welsh of strings that remain, drop strings no code marks. Returns (added, dropped)."""
    template = template_for(catalogue)
    catalog = read_catalogue(catalogue.po_path) if catalogue.po_path.exists() else _new_catalog()
    before = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False,
                   update_creation_date=False)
    after = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in catalog if m.id}
    if not len(template) and not catalogue.po_path.exists():
        return 0, 0  # an app with nothing marked needs no catalogue
    _write(catalog, catalogue.po_path)
    return len(after - before), len(before - after)


def compile_catalogue(catalogue: Catalogue, *, force: bool = False) -> bool:
    """Build the .mo beside the .po when it is missing or older. Returns whether it built."""
    po, mo = catalogue.po_path, catalogue.mo_path
    if not po.exists():
        return False
    if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return False
    catalog = read_catalogue(po)
    # Fuzzy entries are guesses awaiting review, and a plural with a form left empty would
    # print nothing: both stay out of the compiled catalogue (English shows instead).
    for message in list(catalog):
        if message.id and not _complete(message):
            catalog.delete(message.id, message.context)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    mo.write_bytes(buffer.getvalue())
    return True


def compile_all(*, force: bool = False) -> list[Catalogue]:
    return [c for c in catalogues() if compile_catalogue(c, force=force)]


def stale(package_dir: Path = PACKAGE_DIR) -> list[Catalogue]:
    """Catalogues whose compiled file is missing or older than the catalogue."""
    return [
        c for c in catalogues(package_dir)
        if c.po_path.exists()
        and (not c.mo_path.exists() or c.mo_path.stat().st_mtime < c.po_path.stat().st_mtime)
    ]


# -- checking ---------------------------------------------------------------------------


def _forms(message: Message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return list(message.string)
    return [message.string or ""]


def _complete(message: Message) -> bool:
    forms = _forms(message)
    return bool(forms) and all(f.strip() for f in forms) and not message.fuzzy


def _placeholders(text: str) -> set[str]:
    """Named placeholders, and positional ones numbered in order (their order matters)."""
    found = set()
    position = 0
    for named, braces, positional in PLACEHOLDER.findall(text.replace("%%", "")):
        if positional:
            position += 1
            found.add(f"{positional}#{position}")
        else:
            found.add(named or "{" + braces + "}")
    return found


def _tags(text: str) -> list[str]:
    return sorted(TAG.findall(text))


def message_problems(message: Message) -> list[str]:
    """What is wrong with one message's Welsh: missing, fuzzy, or not fitting the English."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    if message.fuzzy:
        return [f"{msgid!r}: the Welsh is marked fuzzy (a guess to review)"]
    forms = _forms(message)
    if not all(form.strip() for form in forms):
        return [f"{msgid!r}: no Welsh"]
    problems: list[str] = []
    if isinstance(message.id, (list, tuple)):
        singular, plural = message.id[0], message.id[1]
        if len(forms) != len(PLURAL_CATEGORIES):
            problems.append(f"{msgid!r}: needs {len(PLURAL_CATEGORIES)} plural forms "
                            f"({', '.join(PLURAL_CATEGORIES)}), has {len(forms)}")
        allowed = _placeholders(singular) | _placeholders(plural)
        for category, form in zip(PLURAL_CATEGORIES, forms, strict=False):
            if not _placeholders(form) <= allowed:
                problems.append(f"{msgid!r} ({category}): placeholders "
                                f"{sorted(_placeholders(form) - allowed)} are not in the English")
        other = forms[-1]
        if _placeholders(other) != _placeholders(plural):
            problems.append(f"{msgid!r} (other): placeholders {sorted(_placeholders(other))} "
                            f"differ from the English {sorted(_placeholders(plural))}")
        english_tags = _tags(plural)
    else:
        if _placeholders(forms[0]) != _placeholders(msgid):
            problems.append(f"{msgid!r}: placeholders {sorted(_placeholders(forms[0]))} differ "
                            f"from the English {sorted(_placeholders(msgid))}")
        english_tags = _tags(msgid)
    if any(_tags(form) != english_tags for form in forms):
        problems.append(f"{msgid!r}: HTML tags differ from the English {english_tags}")
    return problems


def problems(catalogue: Catalogue) -> list[str]:
    """Every marked string of the catalogue's code without good Welsh in the catalogue."""
    template = template_for(catalogue)
    if not len(template):
        return []
    if not catalogue.po_path.exists():
        return [f"{catalogue.po_path}: missing; run `commonground catalogues update`"]
    catalog = read_catalogue(catalogue.po_path)
    found: list[str] = []
    header = catalog.plural_forms.replace(" ", "")
    if header != PLURAL_FORMS.replace(" ", ""):
        found.append(f"{catalogue.po_path}: Plural-Forms should be {PLURAL_FORMS}")
    for wanted in template:
        if not wanted.id:
            continue
        message = catalog.get(wanted.id, wanted.context)
        where = ", ".join(f"{f}:{n}" for f, n in wanted.locations[:2])
        if message is None:
            msgid = wanted.id if isinstance(wanted.id, str) else wanted.id[0]
            found.append(f"{msgid!r} ({where}): not in {catalogue.po_path.name}; "
                         "run `commonground catalogues update`, then write its Welsh")
            continue
        found.extend(f"{p} ({where})" for p in message_problems(message))
    return found


def all_problems(selected: Iterable[Catalogue] | None = None) -> dict[str, list[str]]:
    result = {}
    for catalogue in selected if selected is not None else catalogues():
        found = problems(catalogue)
        if found:
            result[catalogue.name] = found
    return result


def main(argv: list[str]) -> int:
    """``python -m commonground.core.catalogues compile [--force]``: no Django needed."""
    if argv[:1] != ["compile"]:
        sys.stderr.write("usage: python -m commonground.core.catalogues compile [--force]\n")
        return 2
    built = compile_all(force="--force" in argv)
    for catalogue in built:
        sys.stdout.write(f"compiled {catalogue.mo_path.relative_to(PACKAGE_DIR.parents[1])}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
