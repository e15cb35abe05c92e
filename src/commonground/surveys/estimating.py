"""Every indicator's estimates for one weighted wave, computed once when it is weighted.

For each indicator the wave asks (the national ones, the two-level "get on well" and
the influences), with :mod:`commonground.analytics.survey`:

* the council: the weighted share agreeing among those who answered (less the
  indicator's excluded answers), its 95 % logit interval, responses, effective
  responses (Kish), design effect;
* each ward: the direct estimate the same way (a domain of the council's design), and a
  Fay-Herriot modelled estimate with its mean squared error, fitted over the wards with
  the census covariate the platform holds for wards (their ethnic diversity) when it
  holds it, the sampling variances from the whole survey's share and design effect
  (``smoothed_variances``). Which one a page shows is decided when it is shown (the
  floor of effective responses is a setting);
* groups (age band, sex, ethnic group, disability: yes/no): each group's estimate, and
  its gap to everyone else who answered that question, with the gap's interval and
  whether it is significant at 95 %.

The result is plain JSON (``WaveWeighting.results``); NaN is written as null.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

import numpy as np

from commonground.analytics.survey import (
    Estimate,
    SurveyDesign,
    domain_difference,
    fay_herriot,
    proportions,
    smoothed_variances,
)
from commonground.surveys.margins import AGE_BANDS, ETHNIC_GROUPS, SEXES
from commonground.surveys.questions import Question

#: Breakdowns: question key -> answer code -> group key (codes not listed are left out).
GROUPS: dict[str, dict[str, str]] = {
    "age_band": {code: code for code in AGE_BANDS},
    "sex": {code: code for code in SEXES},
    "ethnic_group": {code: code for code in ETHNIC_GROUPS},
    "disability": {"1": "yes", "2": "yes", "3": "no"},
}
KEEP = ("domain", "n", "estimate", "se", "ci_low", "ci_high", "df", "deff", "ess")


def clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def estimate_dict(estimate: Estimate) -> dict[str, Any]:
    raw = asdict(estimate)
    return {key: clean(raw[key]) for key in KEEP}


def estimate_from(data: Mapping[str, Any]) -> Estimate:
    """An :class:`Estimate` back from its JSON (for differences between waves)."""
    def number(key: str) -> float:
        value = data.get(key)
        return math.nan if value is None else float(value)

    return Estimate(domain=str(data.get("domain", "")), n=int(data["n"]),
                    estimate=number("estimate"), se=number("se"), ci_low=number("ci_low"),
                    ci_high=number("ci_high"), df=int(data.get("df") or 0),
                    deff=number("deff"), ess=number("ess"), population=math.nan,
                    ci_method="logit")


def _modelled(council: Estimate, wards: list[Estimate],
              covariates: Mapping[str, float] | None) -> dict[str, Any]:
    """Fay-Herriot estimates of every ward with a response, or why there are none."""
    usable = [w for w in wards if w.n >= 1]
    if len(usable) < 3 or not 0 < council.estimate < 1:
        return {"error": "too_few_wards"}
    deff = council.deff if math.isfinite(council.deff) and council.deff > 0 else 1.0
    direct = np.array([w.estimate for w in usable])
    variances = smoothed_variances(council.estimate, deff, [w.n for w in usable])
    x = None
    covariate = ""
    if covariates and all(w.domain in covariates for w in usable) and len(usable) >= 4:
        x = np.array([covariates[w.domain] for w in usable])
        covariate = "diversity"
    try:
        model = fay_herriot(direct, variances, x)
    except ValueError:
        if x is None:
            return {"error": "no_fit"}
        model, covariate = fay_herriot(direct, variances, None), ""
    low, high = model.interval(0.95)
    return {"covariate": covariate, "sigma2": clean(float(model.sigma2)),
            "wards": {w.domain: {"estimate": clean(float(np.clip(model.estimate[i], 0, 1))),
                                 "mse": clean(float(model.mse[i])),
                                 "ci_low": clean(float(np.clip(low[i], 0, 1))),
                                 "ci_high": clean(float(np.clip(high[i], 0, 1))),
                                 "shrinkage": clean(float(model.shrinkage[i]))}
                      for i, w in enumerate(usable)}}


def _groups(design: SurveyDesign, agree: np.ndarray, eligible: np.ndarray,
            answers: Mapping[str, np.ndarray]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    y = agree.astype(np.float64)
    for key, mapping in GROUPS.items():
        if key not in answers:
            continue
        labels = np.array([mapping.get(code, "") for code in answers[key]], dtype=np.str_)
        answered = eligible & (labels != "")
        if not answered.any():
            continue
        rows = []
        for row in proportions(design, agree, eligible=eligible, by=labels)[1:]:
            data = estimate_dict(row)
            first = labels == row.domain
            second = (labels != "") & ~first
            if (second & eligible).any():
                gap = domain_difference(design, y, first=first, second=second,
                                        eligible=eligible)
                data["gap"] = {"estimate": clean(gap.estimate), "ci_low": clean(gap.ci_low),
                               "ci_high": clean(gap.ci_high), "p_value": clean(gap.p_value),
                               "significant": bool(gap.significant)}
            rows.append(data)
        order = list(dict.fromkeys(mapping.values()))
        out[key] = sorted(rows, key=lambda r: order.index(r["domain"]))
    return out


def compute(design: SurveyDesign, indicators: Sequence[Question],
            answers: Mapping[str, Sequence[str]], wards: Sequence[str],
            covariates: Mapping[str, float] | None = None) -> dict[str, Any]:
    """Results of every indicator asked: ``{key: {"council", "wards", "modelled",
    "groups"}}``. ``answers`` holds each question's code per respondent ("" when not
    answered), ``wards`` each respondent's ward code ("" when not known)."""
    arrays = {key: np.array(list(values), dtype=np.str_) for key, values in answers.items()}
    ward_labels = np.array(list(wards), dtype=np.str_)
    out: dict[str, Any] = {}
    for indicator in indicators:
        codes = arrays.get(indicator.key)
        if codes is None:
            continue
        agree = np.isin(codes, list(indicator.agree))
        eligible = (codes != "") & ~np.isin(codes, list(indicator.exclude))
        if not eligible.any():
            continue
        rows = proportions(design, agree, eligible=eligible, by=ward_labels)
        council, ward_rows = rows[0], rows[1:]
        out[indicator.key] = {
            "council": estimate_dict(council),
            "wards": {w.domain: estimate_dict(w) for w in ward_rows},
            "modelled": _modelled(council, ward_rows, covariates),
            "groups": _groups(design, agree, eligible, arrays),
        }
    return out
