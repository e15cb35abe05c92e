"""Invitation codes: short enough to type from a letter, impossible to guess.

A code is ``LENGTH`` characters from a 30-character alphabet without the look-alikes
(0/O, 1/I/L) and without U (so no rude words), drawn by the ``secrets`` module: 30**10,
about 6 x 10**14 codes, so with 100,000 codes out and the entry page's rate limit a
guesser needs hundreds of years to find one. Letters show them in two groups of five
(``ABCDE-23456``); residents may type them in any case, with or without the dash or
spaces.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
GROUP = 5
_NOT_CODE = re.compile(r"[\s\-–—_.]+")

assert len(ALPHABET) == 30 and len(set(ALPHABET)) == 30


def new_code() -> str:
    """A fresh random code, as stored (no dash)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str | None:
    """The stored form of what a resident typed, or ``None`` if it cannot be a code."""
    code = _NOT_CODE.sub("", typed).upper()
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def display(code: str) -> str:
    """The code as a letter prints it: ``ABCDE-23456``."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))
