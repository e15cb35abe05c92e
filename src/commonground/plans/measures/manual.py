"""Figures the council enters itself (``manual:<unit>``): the latest reading entered
for the target on or before the date asked, with its interval if one was given."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commonground.accounts.models import Organisation
from commonground.core.errors import InvalidInput
from commonground.core.scalars import Scalars
from commonground.plans.measures.base import Reading, Request, Scope

MAX_UNIT = 40


def display(value: float, unit: str) -> str:
    number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


class ManualFigures:
    key = "manual"
    label = gettext_lazy("A figure you enter yourself")

    def validate(self, param: str) -> None:
        if len(param) > MAX_UNIT or any(c in param for c in ":\n\r"):
            raise InvalidInput(_("Name the unit in up to %(n)d characters, without a colon.")
                               % {"n": MAX_UNIT},
                               fields={"measure": [_("Name the unit more briefly.")]})

    def describe(self, param: str) -> str:
        return (_("A figure entered by the council (%(unit)s)") % {"unit": param} if param
                else _("A figure entered by the council"))

    def unit(self, param: str) -> str:
        return param

    def higher_is_better(self, param: str) -> bool | None:
        return None

    def options(self, scope: Scope) -> list[tuple[str, str]]:
        return [("manual:", str(self.describe(""))), ("manual:%", str(self.describe("%"))),
                ("manual:people", str(self.describe("people")))]

    def stamp(self, council: Organisation) -> Scalars:
        return Scalars()  # figures entered by hand are part of the plan: its change says so

    def read(self, requests: Sequence[Request]) -> list[Reading | None]:
        from commonground.plans.models import TargetReading

        ids = {r.target_id for r in requests if r.target_id is not None}
        latest: dict[int, list[TargetReading]] = {}
        for row in TargetReading.objects.filter(target_id__in=ids).order_by("on", "id"):
            latest.setdefault(row.target_id, []).append(row)
        out: list[Reading | None] = []
        for request in requests:
            unit = request.code.partition(":")[2]
            rows = [r for r in latest.get(request.target_id or 0, []) if r.on <= request.on]
            if not rows:
                out.append(None)
                continue
            row = rows[-1]
            out.append(Reading(
                code=request.code, label=self.describe(unit), value=row.value,
                display=display(row.value, unit), unit=unit, low=row.low, high=row.high,
                as_of=row.on, period=row.on.strftime("%d %b %Y"),
                source=_("Entered by the council"), geography=request.scope.name,
                fresh=True, note=row.note))
        return out
