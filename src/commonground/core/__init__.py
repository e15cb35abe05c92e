"""Shared foundations: the domain error, the audit log, access helpers, security headers."""
