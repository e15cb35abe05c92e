"""Welsh initial mutations, so a check can recognise "cyngor" in "ein cyngor ni", "eich
cyngor", "ei gyngor", "fy nghyngor", "tri chyngor" and "ei chyngor".

Only the initial consonant changes (and an h before a vowel after "ei" (her), "ein", "eu"),
so three small tables cover the language's regular mutations.
"""

from __future__ import annotations

# Longest first: "ll" and "rh" before "l" and "r"; "ch", "ph", "th", "ff", "dd" never mutate.
_UNMUTATING = ("ch", "ph", "th", "ff", "dd", "ng")
SOFT = {"ll": "l", "rh": "r", "p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "",
        "m": "f"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
VOWELS = "aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ"


def _initial(word: str, table: dict[str, str]) -> str | None:
    if word.startswith(_UNMUTATING):
        return None
    for start in sorted(table, key=len, reverse=True):
        if word.startswith(start):
            return table[start] + word[len(start):]
    return None


def mutations(word: str) -> set[str]:
    """The word (or phrase: only its first word mutates) and each of its mutated forms."""
    base = word.lower()
    forms = {base}
    for table in (SOFT, NASAL, ASPIRATE):
        mutated = _initial(base, table)
        if mutated:
            forms.add(mutated)
    if base[:1] in VOWELS:
        forms.add("h" + base)
    return forms
