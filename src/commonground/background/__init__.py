"""Background work: tasks on a queue (django-tasks, its database backend by default), the
worker that runs them, the scheduler that enqueues the periodic ones, and outgoing email.

An app's tasks live in its ``tasks.py``; see DEVELOPERS.md, "Background work". Like
``core``, this app imports no other app of ours; the apps register with it.
"""
