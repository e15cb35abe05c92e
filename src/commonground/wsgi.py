"""WSGI entry point for gunicorn: ``gunicorn commonground.wsgi``.

A server process loads here what every request needs (the apps, then the URL patterns,
which import every view) and then hides those objects from Python's cyclic garbage
collector (``gc.freeze``): they live as long as the process. Otherwise each full
collection walks all of them, some 220,000 objects, for 200-500 ms on a loaded machine,
and while it runs the worker's other thread waits too: under load that happened several
times a minute per worker and made the slowest twentieth of the plan page's answers
(issue 10). Objects made later (templates compiled on first use, the kept parts of pages)
are collected as before.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
application = get_wsgi_application()
patterns = get_resolver().url_patterns  # imports every view before the freeze
gc.collect()
gc.freeze()
