"""Evidence files attached to mapping items and progress updates: checked, then kept
through Django's storage API (local disk by default, any storage backend at scale)."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from commonground.core.errors import InvalidInput

# Documents, spreadsheets, images and text: what councils and partners send as evidence.
EXTENSIONS = {".pdf", ".docx", ".doc", ".odt", ".xlsx", ".xls", ".ods", ".csv", ".txt",
              ".png", ".jpg", ".jpeg", ".pptx", ".odp"}


def max_bytes() -> int:
    return int(getattr(settings, "PLANS_EVIDENCE_MAX_MB", 10)) * 1024 * 1024


def check(file: UploadedFile | None, field: str = "file") -> str:
    """The file's own name, once it is a kind and size we keep; "" when there is none."""
    if file is None:
        return ""
    name = PurePath(file.name or "").name[:200]
    if PurePath(name).suffix.lower() not in EXTENSIONS:
        raise InvalidInput(_("This kind of file cannot be attached."), fields={field: [
            _("Attach a PDF, a document, a spreadsheet, a text file or an image.")]})
    if (file.size or 0) > max_bytes():
        raise InvalidInput(_("The file is too large."), fields={field: [
            _("The file must be smaller than %(mb)d MB.") % {"mb": max_bytes() // 2**20}]})
    return name
