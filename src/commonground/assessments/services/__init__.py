"""Every write of the assessments app: typed, keyword-only, transactional and audited.

Split by subject: cohesion impact assessments (``impact``).
"""
