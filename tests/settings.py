"""Settings for the test suite, named by pyproject's DJANGO_SETTINGS_MODULE.

Production settings with what the suite needs instead: a throwaway key, a fast password
hasher, a cache and static files that need no setup, plain HTTP. Nothing here is
switched on by importing pytest: a server never sees these values unless it is started
with this module named.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

# The production module reads these when imported; a key made for this run signs nothing
# that outlives it.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("HTTPS", "false")

from commonground.settings import *  # noqa: E402, F403
from commonground.settings import STORAGES, TASK_QUEUES  # noqa: E402

# Argon2 is deliberately slow and the suite creates many users; production keeps Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Assets straight from build/ and node_modules, as they change; no collectstatic.
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks run where they are enqueued (once the transaction commits: see
# commonground.background.queue), so a test sees their effect. Tests of the queue itself
# switch to the database backend and run a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                     "QUEUES": TASK_QUEUES}}
# Uploaded files go to a folder of this run's own, never the demo's var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="commonground-test-media-"))
