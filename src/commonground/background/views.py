"""The background work page: workers and schedulers alive, scheduled jobs and their last
runs, failed tasks, and email that could not be delivered (with a button to retry)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.background import mail, selectors, services
from commonground.background.access import require_platform_admin
from commonground.background.models import OutgoingEmail

WINDOW = datetime.timedelta(days=1)


@login_required
def status(request: HttpRequest) -> HttpResponse:
    require_platform_admin(request.user)
    since = timezone.now() - WINDOW
    return render(request, "background/status.html", {
        "processes": selectors.processes(),
        "schedule": selectors.schedule(),
        "counts": selectors.task_counts(since=since),
        "failed_tasks": selectors.failed_tasks(since=since),
        "emails": selectors.undelivered_emails(),
        "max_attempts": mail.MAX_ATTEMPTS,
    })


@login_required
@require_POST
def retry_email(request: HttpRequest, email_id: int) -> HttpResponse:
    admin = require_platform_admin(request.user)
    email = get_object_or_404(OutgoingEmail, pk=email_id)
    services.retry_email(actor=admin, email=email)
    messages.success(request, _("Email %(id)s (%(kind)s) is being sent again.")
                     % {"id": email.pk, "kind": email.kind})
    return redirect("background:status")
