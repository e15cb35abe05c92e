"""Walking the public report's question pages as a browser without JavaScript does."""

from __future__ import annotations

from typing import Any

from django.test import Client

# One answer per question page, in order: a hate incident in Sale Central.
ANSWERS: dict[str, dict[str, Any]] = {
    "where": {"ward": "E05000002", "longitude": "", "latitude": "",
              "location_description": ""},
    "kind": {"category": "hate_incident"},
    "hostility": {"characteristics": ["race"]},
    "what": {"what_happened": "Stickers with racist slogans at the bus stop."},
    "when": {"day": "19", "month": "11", "year": "2026"},
    "who": {"who_affected": ""},
    "why": {"root_cause": ""},
    "police": {"reported_to_police": "no"},
    "contact": {"contact_name": "", "contact_email": "", "contact_phone": ""},
}


def answer_all(client: Client, code: str = "E08000009", prefix: str = "",
               **changes: dict[str, Any]) -> None:
    """Answer every question the journey asks, each page sending to the next."""
    answers = {**ANSWERS, **changes}
    location = client.get(f"{prefix}/report/{code}/")["Location"]
    while not location.endswith("/check/"):
        step = location.rstrip("/").rsplit("/", 1)[1]
        response = client.post(location, answers[step])
        assert response.status_code == 302, (step, response.content.decode()[:2000])
        location = response["Location"]


def send(client: Client, code: str = "E08000009", website: str = "",
         **changes: dict[str, Any]) -> Any:
    answer_all(client, code, **changes)
    return client.post(f"/report/{code}/check/", {"website": website})
