"""The surveys pages, by feature: waves (``waves``) and imports (``imports``)."""
