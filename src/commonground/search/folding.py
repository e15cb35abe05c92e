"""Accents folded away, so Welsh is found however it is typed (dŵr, dwr; tŷ, ty; â, a).

Welsh has no stemmer on either engine, so Welsh text is matched word by word; what
differs between a reader's query and the text is mostly the circumflex (to bach), which
phones and keyboards make awkward, and the diaeresis (sïon). Both sides are folded
the same way: SQLite's FTS5 tokenizer already removes diacritics (``remove_diacritics
2``, migration 0002); on PostgreSQL the index's vectors are built from
``translate(text, FOLD_FROM, FOLD_TO)`` (migration 0006) and every query word passes
through :func:`fold`, which applies the same table in Python. The table is every Latin
letter of Latin-1 and Latin Extended-A whose Unicode decomposition is a plain letter
with marks (ŵ → w, Ŷ → Y, é → e, ï → i), so the two engines fold the same letters.
"""

from __future__ import annotations

import unicodedata


def _table() -> tuple[str, str]:
    source, target = [], []
    for code in range(0xC0, 0x180):
        letter = chr(code)
        base = unicodedata.normalize("NFKD", letter)[0]
        if base != letter and base.isascii() and base.isalpha():
            source.append(letter)
            target.append(base)
    return "".join(source), "".join(target)


FOLD_FROM, FOLD_TO = _table()
_TRANSLATION = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text: str) -> str:
    """``text`` with the accents of its Latin letters removed (case is kept)."""
    return text.translate(_TRANSLATION)
