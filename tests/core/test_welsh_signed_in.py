"""The signed-in pages walked in Welsh (issue 12: "no English string remains").

For each persona who works in the service (a council's officer, its analyst and its
administrator, a police partner, the platform administrator) a walker starts at the page
they land on after signing in and follows the site's own links under ``/cy/`` (at most
``LIMIT`` pages each; never sign-out, downloads or forms that post). Every page must answer
200, 302 or 403 (never 404 from our own link, nor 500), say ``lang="cy"``, link to its
English counterpart through the language navigation, and show no interface words left in
English: a text that reads the same on the English page and is not data (names, numbers,
codes, the records' own words) nor marked ``lang="en"`` is a string nobody translated.
"""

from __future__ import annotations

import datetime
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client

from commonground.accounts.landing import landing_page
from commonground.accounts.models import Membership, Role, User
from commonground.assessments.services import impact
from commonground.core import catalogues
from commonground.core import languages as lang
from commonground.surveys.models import Design, Mode
from commonground.surveys.services import waves as wave_services
from tests.personas import PASSWORD, World
from tests.plans.conftest import make_plan
from tests.tensions.conftest import build_places, public_report

pytestmark = pytest.mark.django_db

LIMIT = 150
PER_PATH = 3  # addresses kept per path with different queries (filters, pages)
SKIP = re.compile(r"/(sign-out|logout|language)/|\.(csv|geojson|json|docx|xlsx|pdf|txt|zip)$"
                  r"|/(export|download|files?)/|^/cy/(api|admin|static|media)/")
# Elements whose text is not the interface's words.
NOT_WORDS = {"script", "style", "code", "pre", "textarea", "svg", "time"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Page(HTMLParser):
    """A page's language, links, language navigation and visible texts (each with whether
    it sits in an element marked ``lang="en"`` or one whose text is not words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang = ""
        self.links: list[str] = []
        self.english_link = ""
        self.texts: list[tuple[str, bool]] = []
        self._stack: list[tuple[str, bool]] = []

    def _aside(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html_lang = found.get("lang") or ""
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
            if found.get("data-testid") == "language-en-gb":
                self.english_link = found["href"] or ""
        if tag in VOID:
            return
        # Words in a language of their own (lang="en" on English data, the language
        # navigation's "English" and "Cymraeg") are not the page's interface.
        aside = self._aside() or tag in NOT_WORDS or "lang" in found

        self._stack.append((tag, aside))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.texts.append((text, self._aside()))


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def data_words() -> list[str]:
    """Every text the database holds (names, titles, codes, emails...) and the service's
    name, longest first: what a page shows of them is data, the same in both languages."""
    found: set[str] = {settings.SERVICE_NAME}
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields
                  if isinstance(f, models.CharField | models.TextField)]
        if fields:
            for row in model._default_manager.values_list(*fields):
                found.update(v.strip() for v in row if isinstance(v, str) and len(v.strip()) > 1)
    return sorted(found, key=len, reverse=True)


def welsh_of_catalogues() -> set[str]:
    """Every Welsh string of the catalogues: Welsh that reads like the English ("Ward")."""
    found: set[str] = set()
    for po in Path(catalogues.PACKAGE_DIR).glob("**/locale/cy/LC_MESSAGES/django.po"):
        for message in catalogues.read_catalogue(po):
            strings = message.string if isinstance(message.string, tuple | list) \
                else [message.string]
            found.update(" ".join(str(s).split()) for s in strings if s)
    return found


ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&/.-]*s?$")
# Codes and addresses: an email, a web address, an identifier (alert.create, ends_on).
CODE = re.compile(r"\S+@\S+|https?://\S+|\b\w+[._]\w+(?:[._]\w+)*\b")


def is_data(text: str, data: list[str], welsh: set[str]) -> bool:
    if text in welsh:
        return True
    if len(text) >= 20 and any(text in value for value in data):
        return True  # part of a record's own words (a search result's extract)
    rest = CODE.sub(" ", text)
    for value in data:
        if value in rest:
            rest = rest.replace(value, " ")
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", rest)
    return all(ACRONYM.match(w) or w in welsh for w in words)


def seed(world: World) -> dict[str, User]:
    """A council with something on every page: wards, a report, a published plan, an
    assessment, a survey wave; and an analyst beside the officer."""
    places = build_places()
    public_report(world, places)
    plan, action = make_plan(world, status="published")
    impact.start_assessment(actor=world["officer_a"], council=world.council_a,
                            fields=impact.ProposalFields(
        title="Close the youth centre", kind="service_change",
        description="Close the youth centre and move youth work to schools.",
        decided_by="The Executive", plan=plan))
    wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Residents' survey 2026",
        starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    analyst = User.objects.create_user("analyst_a@example.org", PASSWORD,
                                       full_name="Ann Analyst")
    Membership.objects.create(user=analyst, organisation=world.council_a, role=Role.ANALYST)
    return {"officer": world["officer_a"], "analyst": analyst, "partner": world["partner"],
            "council admin": world["org_admin_a"], "platform admin": world["admin"]}


def keep(href: str, base: str) -> str | None:
    """The link's address if the walker follows it (our own, under /cy/), else None."""
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path.startswith("/cy/") or SKIP.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def walk(client: Client, start: str, data: list[str], welsh: set[str]) -> dict[str, Any]:
    seen: set[str] = set()
    per_path: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([(start, "(landing page)")])
    problems: dict[str, list[str]] = {"status": [], "lang": [], "switch": [], "english": []}
    untranslated: dict[str, str] = {}
    pages = 0
    while queue and pages < LIMIT:
        url, came_from = queue.popleft()
        path = urlsplit(url).path
        if url in seen or per_path.get(path, 0) >= PER_PATH:
            continue
        seen.add(url)
        per_path[path] = per_path.get(path, 0) + 1
        pages += 1
        response = client.get(url)
        if response.status_code == 302:
            target = keep(response["Location"], url)
            if target:
                queue.append((target, url))
            continue
        if response.status_code == 403:
            continue
        if response.status_code != 200:
            problems["status"].append(f"{url} answered {response.status_code} "
                                      f"(linked from {came_from})")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = parse(response.content.decode())
        if page.html_lang != "cy":
            problems["lang"].append(f"{url}: <html lang=\"{page.html_lang}\">")
        switch = urlsplit(page.english_link)
        going = parse_qs(switch.query).get("next", [""])[0]
        if not switch.path.endswith("/language/en-gb/") or going != url:
            problems["switch"].append(f"{url}: language link {page.english_link!r}")
        for href in page.links:
            found = keep(href, url)
            if found is not None:
                queue.append((found, url))
        english = client.get(lang.path_in(url, lang.ENGLISH))
        if english.status_code != 200:
            problems["english"].append(f"{url}: the English page answered "
                                       f"{english.status_code}")
            continue
        english_texts = {text for text, _aside in parse(english.content.decode()).texts}
        for text, aside in page.texts:
            if not aside and text in english_texts and not is_data(text, data, welsh):
                untranslated.setdefault(text, url)
    return {"pages": pages, "problems": problems, "untranslated": untranslated}


def test_signed_in_pages_walked_in_welsh_are_all_welsh(world: World) -> None:
    people = seed(world)
    data, welsh = data_words(), welsh_of_catalogues()
    report: dict[str, Any] = {}
    for who, user in people.items():
        client = Client()
        client.force_login(user)
        client.cookies["cg_language"] = lang.ENGLISH
        start = lang.path_in(landing_page(user), lang.WELSH)
        report[who] = walk(client, start, data, welsh)
    few = {who: found["pages"] for who, found in report.items() if found["pages"] < 10}
    assert not few, f"too few pages reached: {few}"
    failures = [f"{who}: {problem}" for who, found in report.items()
                for kind in found["problems"].values() for problem in kind]
    untranslated = {text: url for found in report.values()
                    for text, url in found["untranslated"].items()}
    failures += [f"left in English: {text!r} on {url}"
                 for text, url in sorted(untranslated.items())]
    assert not failures, "\n".join(failures)
