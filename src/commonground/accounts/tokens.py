"""Secrets handed to people (invitation links, API tokens): made here, stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets


def new_secret(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def hash_secret(secret: str) -> str:
    # SHA-256 suffices: the secrets are 256 random bits, not guessable passwords.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
