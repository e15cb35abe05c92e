"""Guidance addresses from 2009: each says whether it is archived, and how to reach the copy.

Pure pytest + PyYAML. An archived address links the UK Government Web Archive's copy
in the archive's documented form (``/ukgwa/<14-digit timestamp>/<address>``), built
from the address as printed, so the link and the printed text cannot drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

KNOWLEDGE = Path(__file__).resolve().parents[2] / "data" / "knowledge"
UKGWA = re.compile(r"^https://webarchive\.nationalarchives\.gov\.uk/ukgwa/(\d{14})/(http://\S+)$")
GOVERNMENT = (".gov.uk", "www.integrationandcohesion.org.uk", "www.hcaacademy.co.uk")


def _guidance() -> list[dict]:
    return yaml.safe_load((KNOWLEDGE / "guidance.yaml").read_text(encoding="utf-8"))["guidance"]


def test_every_printed_address_says_what_became_of_it() -> None:
    for item in _guidance():
        assert item.get("url_status") in {"live", "archived", "gone"}, item["id"]
        assert ("archive_url" in item) == (item["url_status"] == "archived"), item["id"]


def test_archived_addresses_link_the_national_archives_copy() -> None:
    archived = [g for g in _guidance() if g["url_status"] == "archived"]
    assert len(archived) == 19
    for item in archived:
        match = UKGWA.match(item["archive_url"])
        assert match, item["id"]
        assert match.group(2) == "http://" + item["url"], item["id"]
        host = item["url"].split("/")[0]
        assert host.endswith(GOVERNMENT[0]) or host in GOVERNMENT, item["id"]


def test_only_sites_the_government_archive_does_not_keep_are_gone_without_a_link() -> None:
    gone = {g["url"].split("/")[0] for g in _guidance() if g["url_status"] == "gone"}
    assert gone == {"www.citizenshipfoundation.org.uk", "www.coventry.ac.uk",
                    "www.lga.gov.uk", "www.cih.org", "www.cohesioninstitute.org.uk"}
