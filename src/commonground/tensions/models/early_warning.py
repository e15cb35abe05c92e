"""Early warning: trigger events that raise the watch level, alerts, and who hears of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.accounts.models import Organisation
from commonground.core.choices import ChoiceLabels
from commonground.places.models import Area
from commonground.tensions.models.reports import Category


class TriggerKind(models.TextChoices):
    ANNIVERSARY = "anniversary", _("Anniversary")
    MARCH = "march", _("Planned march or protest")
    NATIONAL = "national", _("National or international incident")
    LOCAL = "local", _("Local incident")
    OTHER = "other", _("Other")


class WatchLevel(models.IntegerChoices):
    HEIGHTENED = 5, _("Heightened (alerts fire about 5 times as readily)")
    CRITICAL = 20, _("Critical (alerts fire about 20 times as readily)")


class TriggerEvent(ChoiceLabels):
    """A dated event around which a council wants earlier warning."""

    council = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                related_name="trigger_events")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=15, choices=TriggerKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    watch_level = models.PositiveSmallIntegerField(choices=WatchLevel.choices,
                                                   default=WatchLevel.HEIGHTENED)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class Alert(models.Model):
    """An unusual count in one ward (or the whole council) and category, explained."""

    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="alerts")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+",
                             help_text="A ward, or the council's own area for its total.")
    category = models.CharField(max_length=30)
    week_start = models.DateField()
    reason = models.CharField(max_length=30)
    observed = models.PositiveIntegerField()
    expected = models.FloatField()
    p_value = models.FloatField()
    score = models.FloatField()
    watch = models.FloatField(default=1.0)
    # The sustained rise the alert belongs to: its first week, its length in weeks, and
    # its reports and expected reports over those weeks (one week for a lone spike).
    run_start = models.DateField(null=True, blank=True)
    run_weeks = models.PositiveSmallIntegerField(default=1)
    run_observed = models.PositiveIntegerField(default=0)
    run_expected = models.FloatField(default=0.0)
    # In English, for the API and the log; pages say it in the reader's language
    # (tensions/alert_text.py).
    explanation = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-week_start", "-created_at"]
        constraints = [models.UniqueConstraint(
            fields=["area", "category", "week_start"], name="one_alert_per_cell")]

    def __str__(self) -> str:
        return f"{self.area}: {self.category} week of {self.week_start}"

    @property
    def category_label(self) -> str:
        return str(dict(Category.choices).get(self.category, self.category))


class EarlyWarningRun(models.Model):
    """When the detector last counted a council's reports, so its alerts can say how
    fresh they are."""

    council = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                   related_name="early_warning_run")
    ran_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.council}: early warning ran at {self.ran_at:%Y-%m-%d %H:%M}"


class AlertSubscription(models.Model):
    """An officer who wants an email when their council gets a new alert."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    council = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "council"],
                                               name="one_subscription_each")]

    def __str__(self) -> str:
        return f"{self.user} hears of {self.council}'s alerts"
