"""Raking and calibration on small tables whose answers are known, and every refusal."""

from __future__ import annotations

import re

import numpy as np
import pytest

from commonground.analytics.survey import Margin, MarginsWarning, calibrate, rake

# 2 x 2 sample: sex by age, 10 respondents.
SEX = np.array(["f"] * 6 + ["m"] * 4)
AGE = np.array(["young", "old", "old", "old", "young", "old", "young", "young", "old", "old"])
SAMPLE = {"sex": SEX, "age": AGE}
MARGINS = [Margin("sex", {"f": 500.0, "m": 500.0}), Margin("age", {"young": 400.0,
                                                                   "old": 600.0})]


def cell_totals(w: np.ndarray) -> dict[tuple[str, str], float]:
    return {(s, a): float(w[(s == SEX) & (a == AGE)].sum())
            for s in ("f", "m") for a in ("young", "old")}


def test_raking_hits_every_margin_and_keeps_the_samples_odds_ratio() -> None:
    weighting = rake(SAMPLE, MARGINS, tolerance=1e-12)
    w = weighting.weights
    assert w[SEX == "f"].sum() == pytest.approx(500) and w[AGE == "old"].sum() == pytest.approx(600)
    # Raking preserves the interaction of the sample table (Deming and Stephan): the
    # cross-product ratio of the weighted cells equals that of the counts (2*4 / (2*2)).
    cells = cell_totals(w)
    ratio = (cells["f", "young"] * cells["m", "old"]) / (cells["f", "old"] * cells["m", "young"])
    assert ratio == pytest.approx((2 * 2) / (4 * 2), rel=1e-9)
    # Everyone in a cell gets the same weight, starting from equal weights.
    for s, a in cells:
        inside = w[(s == SEX) & (a == AGE)]
        assert np.ptp(inside) == pytest.approx(0, abs=1e-9)


def test_the_report_gives_targets_iterations_and_kish_effective_size() -> None:
    weighting = rake(SAMPLE, MARGINS, tolerance=1e-12)
    report = weighting.report
    w = weighting.weights
    assert report.converged and report.iterations >= 2 and report.largest_gap < 1e-12
    assert [(m.variable, m.category, m.respondents, m.target) for m in report.margins] == [
        ("sex", "f", 6, 500.0), ("sex", "m", 4, 500.0), ("age", "young", 4, 400.0),
        ("age", "old", 6, 600.0)]
    assert all(m.achieved == pytest.approx(m.target) for m in report.margins)
    cv2 = np.var(w) / np.mean(w) ** 2
    assert report.kish_deff == pytest.approx(1 + cv2)
    assert report.effective_n == pytest.approx(10 / (1 + cv2))
    assert report.efficiency == pytest.approx(1 / (1 + cv2))
    assert report.weight_min == pytest.approx(w.min())
    assert report.weight_max == pytest.approx(w.max())
    lines = "\n".join(report.lines())
    assert "effective sample size" in lines and "sex,f,6,500,500" in lines


def test_equal_starting_weights_add_up_to_the_population() -> None:
    weighting = rake(SAMPLE, MARGINS)
    assert np.all(weighting.base_weights == 100.0)
    assert weighting.weights.sum() == pytest.approx(1000)


@pytest.mark.parametrize("method", ["linear", "raking"])
def test_unbounded_calibration_hits_the_margins(method: str) -> None:
    weighting = calibrate(SAMPLE, MARGINS, method=method)  # type: ignore[arg-type]
    cells = cell_totals(weighting.weights)
    assert cells["f", "young"] + cells["f", "old"] == pytest.approx(500)
    assert cells["f", "young"] + cells["m", "young"] == pytest.approx(400)


def test_linear_calibration_is_one_regression_step() -> None:
    assert calibrate(SAMPLE, MARGINS, method="linear").report.iterations == 1


def test_logit_calibration_keeps_every_ratio_inside_its_bounds() -> None:
    margins = [Margin("sex", {"f": 450.0, "m": 550.0}), Margin("age", {"young": 450.0,
                                                                       "old": 550.0})]
    weighting = calibrate(SAMPLE, margins, method="logit", bounds=(0.6, 1.6))
    g = weighting.g
    assert g.min() > 0.6 and g.max() < 1.6
    assert weighting.weights[SEX == "m"].sum() == pytest.approx(550)


def test_bounds_that_cannot_be_met_are_refused_as_not_converging() -> None:
    margins = [Margin("sex", {"f": 100.0, "m": 900.0}), Margin("age", {"young": 400.0,
                                                                       "old": 600.0})]
    with pytest.raises(ValueError, match="did not converge"):
        calibrate(SAMPLE, margins, method="logit", bounds=(0.9, 1.1), max_iterations=30)


def test_trimming_caps_the_ratios_and_says_how_many() -> None:
    margins = [Margin("sex", {"f": 300.0, "m": 700.0}), Margin("age", {"young": 400.0,
                                                                       "old": 600.0})]
    untrimmed = rake(SAMPLE, margins)
    assert untrimmed.g.max() > 1.5
    trimmed = rake(SAMPLE, margins, trim=(0.5, 1.5))
    assert trimmed.report.trimmed == int(np.sum((untrimmed.g > 1.5) | (untrimmed.g < 0.5)))
    assert trimmed.weights.sum() == pytest.approx(1000)  # what was cut is spread out
    assert trimmed.g.min() >= 0.5 - 1e-12
    assert trimmed.report.largest_gap > 0.01  # trimming moves the margins: the report says so
    assert "weight(s) trimmed" in "\n".join(trimmed.report.lines())


def test_disagreeing_totals_are_reconciled_to_the_first_margin_with_a_warning() -> None:
    margins = [Margin("sex", {"f": 500.0, "m": 500.0}), Margin("age", {"young": 402.0,
                                                                       "old": 601.0})]
    with pytest.warns(MarginsWarning, match=r"'age' margin adds up to 1,003, not 1,000"):
        weighting = rake(SAMPLE, margins)
    assert weighting.weights.sum() == pytest.approx(1000)
    old = next(m for m in weighting.report.margins if m.category == "old")
    assert old.target == pytest.approx(601 * 1000 / 1003)
    assert len(weighting.report.notes) == 1


def test_margins_of_different_populations_are_refused() -> None:
    margins = [Margin("sex", {"f": 500.0, "m": 500.0}), Margin("age", {"young": 300.0,
                                                                       "old": 500.0})]
    with pytest.raises(ValueError, match="describe different populations"):
        rake(SAMPLE, margins)


def test_an_empty_cell_is_named_with_a_neighbour_to_collapse_it_with() -> None:
    margins = [Margin("age", {"16-24": 100.0, "young": 300.0, "old": 600.0})]
    with pytest.raises(ValueError) as caught:
        rake({"age": AGE}, margins)
    message = str(caught.value)
    assert "no respondents in age '16-24' (population 100)" in message
    assert "collapse it with a neighbouring category (for example with 'young')" in message


def test_categories_without_a_population_are_named() -> None:
    with pytest.raises(ValueError, match=re.escape("'age' has categories with no population "
                                                   "total: 'old' (6 respondents)")):
        rake({"age": AGE}, [Margin("age", {"young": 400.0, "older": 600.0})])


def test_respondents_in_a_category_of_no_population_are_refused() -> None:
    with pytest.raises(ValueError, match="'old' has 6 respondent"):
        rake({"age": AGE}, [Margin("age", {"young": 400.0, "old": 0.0})])


def test_categories_with_neither_people_nor_respondents_are_dropped() -> None:
    weighting = rake({"age": AGE}, [Margin("age", {"young": 400.0, "none": 0.0, "old": 600.0})])
    assert [m.category for m in weighting.report.margins] == ["young", "old"]


def test_missing_categories_are_refused_with_their_positions() -> None:
    age = AGE.astype(object)
    age[3] = None
    with pytest.raises(ValueError, match=r"1 respondent\(s\) have no 'age' \(positions 3"):
        rake({"age": age}, [Margin("age", {"young": 400.0, "old": 600.0})])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"method": "logit"}, "logit calibration needs bounds"),
    ({"method": "probit"}, "method must be one of"),
    ({"method": "linear", "bounds": (1.2, 2.0)}, "0 <= low < 1 < high"),
    ({"method": "logit", "bounds": (0.5, float("inf"))}, "must be finite"),
    ({"method": "linear", "tolerance": 0}, "tolerance must be positive"),
    ({"method": "linear", "base_weights": np.ones(3)}, "one value per respondent"),
    ({"method": "linear", "base_weights": -np.ones(10)}, "positive finite"),
])
def test_bad_arguments_are_refused_in_plain_words(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        calibrate(SAMPLE, MARGINS, **kwargs)


@pytest.mark.parametrize(("margins", "message"), [
    ([], "at least one margin"),
    ([Margin("sex", {"f": 1.0, "m": 1.0})] * 2, "one margin only: sex"),
    ([Margin("tenure", {"own": 1.0})], "the respondents have no 'tenure'"),
])
def test_bad_margin_lists_are_refused(margins: list[Margin], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        rake(SAMPLE, margins)


@pytest.mark.parametrize(("totals", "message"), [
    ({}, "has no categories"),
    ({"a": -1.0}, "cannot be negative"),
    ({"a": float("nan")}, "must be a finite number"),
    ({"a": 0.0}, "total population of 0"),
])
def test_bad_margins_are_refused(totals: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Margin("x", totals)
