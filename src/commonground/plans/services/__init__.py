"""Every write of the plans app: typed, keyword-only, transactional and audited.

Split by subject: the mapping exercise (``mapping``), issues (``issues``), plans and their
actions, milestones and targets (``plans``), progress updates and reminders
(``progress``), and the plan's CSV (``transfer``).
"""
