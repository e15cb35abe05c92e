"""The Welsh catalogues: every marked string has Welsh, Welsh plurals, Django's gaps filled."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Message
from django.contrib.auth.password_validation import validate_password
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import ngettext

from commonground.core import catalogues

NUMBERS = (0, 1, 2, 3, 6, 8, 11, 100)


def test_every_marked_string_in_every_app_has_its_welsh() -> None:
    # Every app under src/commonground is searched, so an app added later is checked too.
    found = catalogues.all_problems()
    assert not found, "Marked strings without good Welsh (run `commonground catalogues "\
        "update`, write the Welsh, see DEVELOPERS.md):\n" + "\n".join(
            f"[{name}] {problem}" for name, problems in found.items() for problem in problems)


def test_every_app_has_a_catalogue_of_its_own() -> None:
    names = {c.name for c in catalogues.catalogues()}
    assert {"project", "core", "accounts", "places", "library", "forums", "tensions",
            "api"} <= names
    by_name = {c.name: c for c in catalogues.catalogues()}
    assert by_name["library"].po_path == (
        catalogues.PACKAGE_DIR / "library" / "locale" / "cy" / "LC_MESSAGES" / "django.po")
    assert by_name["project"].po_path.parent.parent.parent.parent == catalogues.PACKAGE_DIR


def test_the_plural_rule_is_cldrs_six_welsh_categories() -> None:
    # Babel carries CLDR's data: zero, one, two, few, many, other.
    cldr = Locale("cy").plural_form
    expected = {0: "zero", 1: "one", 2: "two", 3: "few", 6: "many", 8: "other", 11: "other",
                100: "other"}
    assert {n: cldr(n) for n in NUMBERS} == expected
    rule = catalogues.PLURAL_FORMS.split("plural=")[1].rstrip(";")
    # The gettext expression Django evaluates picks the form in CLDR's order.
    import gettext

    pick = gettext.c2py(rule)
    assert {n: catalogues.PLURAL_CATEGORIES[pick(n)] for n in NUMBERS} == expected


@pytest.mark.parametrize(("number", "welsh"), [
    (0, "Dim canlyniadau"),
    (1, "1 canlyniad"),
    (2, "2 ganlyniad"),      # dau: soft mutation
    (3, "3 chanlyniad"),     # tri: aspirate mutation
    (6, "6 chanlyniad"),     # chwe: aspirate mutation
    (8, "8 canlyniad"),
    (11, "11 canlyniad"),
    (100, "100 canlyniad"),
])
def test_welsh_plural_forms_in_a_page(number: int, welsh: str) -> None:
    template = Template("{% blocktranslate count counter=n trimmed %}{{ counter }} result"
                        "{% plural %}{{ counter }} results{% endblocktranslate %}")
    with translation.override("cy"):
        assert template.render(Context({"n": number})) == welsh
        assert ngettext("%(counter)s result", "%(counter)s results", number) % {
            "counter": number} == welsh
    with translation.override("en-gb"):
        assert template.render(Context({"n": number})) == (
            f"{number} result" if number == 1 else f"{number} results")


@pytest.mark.parametrize(("days", "welsh"), [
    (0, "0 munud"), (1, "1 diwrnod"), (2, "2 ddiwrnod"), (3, "3 diwrnod"), (6, "6 diwrnod"),
])
def test_djangos_own_time_phrases_are_welsh(days: int, welsh: str) -> None:
    now = timezone.now()
    with translation.override("cy"):
        # Django joins number and unit with a no-break space.
        assert timesince(now - timezone.timedelta(days=days), now).replace("\xa0", " ") == welsh


def test_djangos_own_messages_that_lack_welsh_are_filled_by_ours() -> None:
    now = timezone.now()
    with translation.override("cy"):
        two_days_ago = naturaltime(now - timezone.timedelta(days=2, seconds=5))
        assert two_days_ago.replace("\xa0", " ") == "2 ddiwrnod yn ôl"
        with pytest.raises(ValidationError) as short:
            validate_password("a1b2")
        assert "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf 12 nod." in (
            short.value.messages)
        with pytest.raises(ValidationError) as common:
            validate_password("password1234")
        assert "Mae’r cyfrinair hwn yn rhy gyffredin." in common.value.messages
        from django import forms

        field = forms.CharField()
        with pytest.raises(ValidationError) as required:
            field.clean("")
        assert required.value.messages == ["Mae angen y maes hwn."]  # Django's own Welsh
    # And every message Django leaves without Welsh is in the project catalogue.
    project = next(c for c in catalogues.catalogues() if c.name == "project")
    wanted = {m.msgid if isinstance(m.msgid, str) else m.msgid[0]
              for m in catalogues.django_untranslated()}
    held = {m.id if isinstance(m.id, str) else m.id[0]
            for m in catalogues.read_catalogue(project.po_path) if m.id}
    assert wanted and wanted <= held


def _message(msgid: str | tuple[str, str], string: str | tuple[str, ...]) -> Message:
    return Message(msgid, string)


def test_the_check_names_what_is_wrong_with_a_translation() -> None:
    assert catalogues.message_problems(_message("Hello", "")) == ["'Hello': no Welsh"]
    fuzzy = Message("Hello", "Helo", flags=["fuzzy"])
    assert "fuzzy" in catalogues.message_problems(fuzzy)[0]
    wrong_name = catalogues.message_problems(_message("Hi %(name)s", "Helo %(enw)s"))
    assert wrong_name and "placeholders" in wrong_name[0]
    lost_tag = catalogues.message_problems(
        _message('Read <a href="%(url)s">this</a>', "Darllenwch hwn %(url)s"))
    assert lost_tag and "HTML tags" in lost_tag[0]
    positional = catalogues.message_problems(_message("At least %d", "O leiaf"))
    assert positional and "placeholders" in positional[0]
    four_forms = catalogues.message_problems(
        _message(("%(n)s day", "%(n)s days"), ("a", "b", "c", "%(n)s diwrnod")))
    assert four_forms and "6 plural forms" in four_forms[0]
    zero_without_number = _message(("%(n)s result", "%(n)s results"),
                                   ("Dim", "%(n)s", "%(n)s", "%(n)s", "%(n)s", "%(n)s"))
    assert catalogues.message_problems(zero_without_number) == []


def test_a_new_app_gets_a_catalogue_and_the_check_finds_its_missing_welsh(tmp_path: Path) -> None:
    app = tmp_path / "commonground" / "newapp"
    (app / "templates" / "newapp").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "views.py").write_text(
        "from django.utils.translation import gettext as _\n"
        "MESSAGE = _('Your plan has been saved.')\n", encoding="utf-8")
    (app / "templates" / "newapp" / "page.html").write_text(
        '<h1>{% translate "Plans" %}</h1>\n'
        "  {% blocktranslate count counter=n %}{{ counter }} action"
        "{% plural %}{{ counter }} actions{% endblocktranslate %}\n", encoding="utf-8")
    found = [c for c in catalogues.catalogues(tmp_path / "commonground") if c.name == "newapp"]
    assert len(found) == 1
    newapp = found[0]
    assert catalogues.problems(newapp) == [
        f"{newapp.po_path}: missing; run `commonground catalogues update`"]
    assert catalogues.update(newapp) == (3, 0)
    problems = catalogues.problems(newapp)
    assert len(problems) == 3 and all("no Welsh" in p for p in problems)
    # Write the Welsh, as a translator would, and the check passes; the .mo is built.
    catalog = catalogues.read_catalogue(newapp.po_path)
    catalog.get("Your plan has been saved.").string = "Mae eich cynllun wedi’i gadw."
    catalog.get("Plans").string = "Cynlluniau"
    catalog.get(("%(counter)s action", "%(counter)s actions")).string = (
        "Dim camau", "%(counter)s cam", "%(counter)s gam", "%(counter)s cham",
        "%(counter)s cham", "%(counter)s cam")
    catalogues._write(catalog, newapp.po_path)
    assert catalogues.problems(newapp) == []
    assert catalogues.compile_catalogue(newapp)
    assert newapp.mo_path.exists()
    assert catalogues.stale(tmp_path / "commonground") == []
    # Updating again changes nothing: the file is stable, so merges stay small.
    before = newapp.po_path.read_text(encoding="utf-8")
    assert catalogues.update(newapp) == (0, 0)
    assert newapp.po_path.read_text(encoding="utf-8") == before


def test_one_english_phrase_has_one_welsh_in_every_catalogue() -> None:
    # At run time one catalogue's Welsh wins for a phrase; two different ones would make
    # the page depend on which. Use a context (pgettext) where the meaning differs.
    seen: dict[tuple[str, str | None], tuple[str, object]] = {}
    clashes = []
    for catalogue in catalogues.catalogues():
        if not catalogue.po_path.exists():
            continue
        for message in catalogues.read_catalogue(catalogue.po_path):
            if not message.id or not message.string:
                continue
            key = (message.id if isinstance(message.id, str) else message.id[0], message.context)
            if key in seen and seen[key][1] != message.string:
                clashes.append(f"{key[0]!r}: {seen[key][0]} says {seen[key][1]!r}, "
                               f"{catalogue.name} says {message.string!r}")
            seen.setdefault(key, (catalogue.name, message.string))
    assert not clashes, "\n".join(clashes)
