"""Accounts pages, one module per feature: sign-in, profile, organisations, audit log."""
