"""Demo tension reports for Trafford: a year of invented reports in its real wards, a
burst this week that raises an alert, an assessment, a trigger event, a rumour, and a
sharing agreement with the police. Runs after the places demo (real wards); skips
with a note when Trafford's wards are not loaded. Development only, idempotent."""

from __future__ import annotations

import datetime
import random
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import Organisation, SharingAgreement, User
from commonground.accounts.services import create_sharing_agreement
from commonground.places.models import Area, AreaLevel
from commonground.tensions.models import Report
from commonground.tensions.services import response as response_services
from commonground.tensions.services.assessments import save_assessment
from commonground.tensions.services.early_warning import recompute
from commonground.tensions.services.reports import ContactDetails, submit_report

# Invented examples of what people report, by category.
EXAMPLES = {
    "hate_incident": ("Shouted abuse at a woman wearing a headscarf at the bus stop.",
                      ["religion"]),
    "community_tension": ("Arguments between groups of young people in the park after "
                          "dark.", []),
    "extremism": ("Stickers from a far-right group on lamp posts near the school.", []),
    "rumour": ("A post claims the empty hotel will house asylum seekers next week.", []),
    "online": ("A local Facebook group is full of hostile comments about new arrivals.",
               ["race"]),
}


def load(stdout: IO[str] | Any) -> list[str]:
    council = Organisation.objects.filter(area_code="E08000009", kind="council").first()
    wards = list(Area.objects.filter(level=AreaLevel.WARD, parent__code="E08000009")
                 .order_by("code")[:6])
    if council is None or not wards:
        stdout.write("tensions demo skipped: Trafford's council or wards are not loaded.\n")
        return []
    if Report.objects.filter(council=council).exists():
        return ["Tensions: report an incident at /report/; officers see /tensions/."]
    officer = User.objects.filter(email="officer@trafford.example").first()
    with transaction.atomic():
        _reports(council, wards)
        if officer is not None:
            _council_work(council, wards, officer)
    out = recompute(notify=False)
    stdout.write(f"tensions demo: reports loaded, {len(out.new_alerts)} early-warning "
                 f"alert(s).\n")
    return ["Tensions: report an incident at /report/; officers see /tensions/."]


def _reports(council: Organisation, wards: list[Area]) -> None:
    rng = random.Random(2026)  # noqa: S311 - invented demo data, not security
    today = timezone.localdate()
    categories = list(EXAMPLES)
    for weeks_back in range(1, 53):
        for _ in range(rng.choice([0, 1, 1, 2])):
            category = rng.choice(categories)
            _report(council, rng.choice(wards), category,
                    today - datetime.timedelta(weeks=weeks_back, days=rng.randint(0, 6)))
    # This week: a burst of hate incidents in one ward, some with contact details.
    for i in range(9):
        _report(council, wards[0], "hate_incident", today - datetime.timedelta(days=i % 3),
                contact=ContactDetails(name="A resident", email=f"resident{i}@example.org")
                if i % 3 == 0 else None)


def _report(council: Organisation, ward: Area, category: str, day: datetime.date,
            contact: ContactDetails | None = None) -> None:
    text, characteristics = EXAMPLES[category]
    submit_report(actor=None, council=council, ward=ward, category=category,
                  characteristics=characteristics, what_happened=text, occurred_on=day,
                  contact=contact)


def _council_work(council: Organisation, wards: list[Area], officer: User) -> None:
    today = timezone.localdate()
    police = Organisation.objects.filter(slug="greater-manchester-police").first()
    if police is not None and not SharingAgreement.objects.filter(owner=council).exists():
        create_sharing_agreement(actor=None, owner=council, partner=police,
                                 categories=["hate_incident", "community_tension",
                                             "extremism"],
                                 include_assessments=True,
                                 starts_on=today - datetime.timedelta(days=365),
                                 purpose="Weekly tension monitoring with the police.")
    save_assessment(actor=officer, council=council, area=wards[0], week_of=today, level=3,
                    reasons="A run of hate incidents near the high street this week.",
                    evidenced="Nine reports of abuse in three days.",
                    experienced="Residents say they feel unsafe walking to prayers.",
                    potential="A march is planned in the town centre on Saturday.")
    response_services.create_trigger_event(
        actor=officer, council=council, name="Planned march in the town centre",
        kind="march", starts_on=today, ends_on=today + datetime.timedelta(days=7))
    response_services.save_rumour(
        actor=officer, council=council, ward=wards[0], status="false",
        what_is_said="The empty hotel will house asylum seekers from next week.",
        where_spreading="Local Facebook groups and WhatsApp.",
        groups_affected="People seeking asylum; hotel staff.",
        counter_message="The council has no plans for the hotel; it is being sold.",
        published_where="Council social media and the ward newsletter.")
    response_services.save_community_contact(
        actor=officer, council=council, name="Demo Contact", community="Interfaith forum",
        role="Chair", email="chair@interfaith.example")
