"""Every write in tensions, by subject: typed, keyword-only, transactional, audited."""
