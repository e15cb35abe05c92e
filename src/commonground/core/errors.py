"""The one domain error of Common Ground, with stable codes.

Services raise ``DomainError`` (or a subclass); the page middleware renders it as a
GOV.UK error page and the API as ``{"error": {"code", "message", "fields"}}``. The
codes are part of the API contract: add new ones, never rename old ones.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

# A message may be marked lazily (gettext_lazy, at import) or not; it becomes text when raised.
StrOrPromise = str | Promise


class ErrorCode(StrEnum):
    INVALID = "invalid"
    INVALID_FILE = "invalid_file"
    # Text with NUL or another control character, which the service never stores.
    INVALID_CHARACTERS = "invalid_characters"
    NOT_AUTHENTICATED = "not_authenticated"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    # Someone else saved the object after this form or request read it.
    EDIT_CONFLICT = "edit_conflict"
    RATE_LIMITED = "rate_limited"
    # Conflicts a client can act on, each with its own code.
    LAST_ADMIN = "last_admin"  # an organisation would be left without an administrator
    ALREADY_MEMBER = "already_member"
    REPORT_MERGED = "report_merged"  # the report is a duplicate merged into another
    # The organisation publishes only with Welsh, and some of the Welsh is missing.
    WELSH_REQUIRED = "welsh_required"
    SERVER_ERROR = "server_error"


HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.INVALID: 400,
    ErrorCode.INVALID_FILE: 400,
    ErrorCode.INVALID_CHARACTERS: 422,
    ErrorCode.NOT_AUTHENTICATED: 401,
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
    ErrorCode.EDIT_CONFLICT: 409,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.LAST_ADMIN: 409,
    ErrorCode.ALREADY_MEMBER: 409,
    ErrorCode.REPORT_MERGED: 409,
    ErrorCode.WELSH_REQUIRED: 400,
    ErrorCode.SERVER_ERROR: 500,
}


class DomainError(Exception):
    """Something the user asked for cannot be done; ``message`` says why in plain words.

    ``fields`` maps a form or JSON field name to its messages, so a page can show a
    GOV.UK error summary and an API client can point at the field.
    """

    code: ErrorCode = ErrorCode.INVALID

    def __init__(
        self,
        message: StrOrPromise,
        *,
        code: ErrorCode | None = None,
        fields: dict[str, list[StrOrPromise]] | dict[str, list[str]] | None = None,
    ) -> None:
        # Lazily marked messages become text now, in the language of the request.
        message = str(message)
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.fields: dict[str, list[str]] = {
            name: [str(m) for m in messages] for name, messages in (fields or {}).items()}

    @property
    def status(self) -> int:
        return HTTP_STATUS[self.code]

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers the answer carries besides its status (pages and API alike)."""
        return {}

    def as_json(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.fields)


def error_body(
    code: ErrorCode | str, message: str, fields: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """The API's one error shape."""
    return {"error": {"code": str(code), "message": message, "fields": fields or {}}}


class InvalidInput(DomainError):
    code = ErrorCode.INVALID


class NotAuthenticated(DomainError):
    code = ErrorCode.NOT_AUTHENTICATED


class PermissionDenied(DomainError):
    code = ErrorCode.PERMISSION_DENIED


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND


class Conflict(DomainError):
    code = ErrorCode.CONFLICT


class EditConflict(DomainError):
    """A change based on an out-of-date copy: saving it would silently undo someone's."""

    code = ErrorCode.EDIT_CONFLICT


class RateLimited(DomainError):
    """Too many attempts; ``retry_after`` (seconds) goes out as the ``Retry-After`` header."""

    code = ErrorCode.RATE_LIMITED

    def __init__(self, message: StrOrPromise, *, retry_after: int = 60 * 60,
                 **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


def not_found(kind: StrOrPromise) -> NotFound:
    """The same answer whether the thing does not exist or the user may not see it,
    so that probing identifiers reveals nothing. ``kind`` is a marked noun
    (``not_found(_("council"))``), so the page says it in the reader's language."""
    return NotFound(_("There is no %(kind)s at this address, or you do not have access to it.")
                    % {"kind": kind})
