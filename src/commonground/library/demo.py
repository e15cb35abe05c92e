"""Demo data for the library: the knowledge files (idempotent; the same as production)."""

from __future__ import annotations

from typing import Any

from commonground.library.knowledge import load_knowledge


def load(stdout: Any) -> list[str]:
    counts = load_knowledge()
    stdout.write(f"Library: {counts['actions']} actions, {counts['issues']} issues, "
                 f"{counts['case_studies']} case studies, {counts['resources']} resources; "
                 f"{counts['search_documents']} documents in the search index.")
    return []
