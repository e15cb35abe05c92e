"""Weighting a wave's responses to the census: asked for here, run as a background task
(``surveys.tasks.weight_wave``, which runs :mod:`commonground.surveys.weighting_jobs`)."""

from __future__ import annotations

import math

from django.db import transaction
from django.utils.translation import gettext as _

from commonground.accounts.models import User
from commonground.background.queue import enqueue_on_commit
from commonground.core import audit
from commonground.core.errors import InvalidInput
from commonground.surveys.models import Scheme, Wave, WaveWeighting, WeightingStatus
from commonground.surveys.tasks import weight_wave


@transaction.atomic
def submit_weighting(*, actor: User, wave: Wave, scheme: str = Scheme.COUNCIL,
                     joint_age_sex: bool = True, ethnic_group: bool = True,
                     trim: tuple[float, float] | None = None,
                     language: str = "en") -> WaveWeighting:
    """Queue the weighting of ``wave``'s responses; ``trim`` bounds each weight's ratio
    to the base weight (e.g. 0.3 to 3)."""
    fields: dict[str, list[str]] = {}
    if scheme not in Scheme.values:
        fields["scheme"] = [_("Choose what to weight to.")]
    if trim is not None:
        low, high = trim
        if not (math.isfinite(low) and math.isfinite(high) and 0 <= low < 1 < high):
            fields["trim_low"] = [_("The lower bound must be from 0 to less than 1, the upper "
                                    "bound more than 1 (for example 0.3 and 3).")]
    if fields:
        raise InvalidInput(_("The weighting could not be started."), fields=fields)
    if wave.responses_purged_on is not None:
        raise InvalidInput(_("This wave’s responses have been deleted at the end of their "
                             "retention period; its results stay as they were weighted."))
    if not wave.responses.exists():
        raise InvalidInput(_("The wave has no responses yet; import them first."))
    if WaveWeighting.objects.filter(wave=wave, status__in=[
            WeightingStatus.QUEUED, WeightingStatus.RUNNING]).exists():
        raise InvalidInput(_("This wave is being weighted already; wait for it to finish."))
    job = WaveWeighting.objects.create(
        wave=wave, scheme=scheme, joint_age_sex=joint_age_sex, ethnic_group=ethnic_group,
        trim_low=trim[0] if trim else None, trim_high=trim[1] if trim else None,
        language=language, created_by=actor)
    audit.record(actor=actor, action=audit.Action.SURVEY_WEIGHT, obj=wave,
                 organisation_id=wave.council_id,
                 new={"scheme": scheme, "joint_age_sex": joint_age_sex,
                      "ethnic_group": ethnic_group, "trim": list(trim) if trim else None})
    enqueue_on_commit(weight_wave, job.pk)
    return job
