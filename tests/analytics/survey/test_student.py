"""Student's t quantiles without scipy.special: SciPy's numbers to 1e-12."""

from __future__ import annotations

import pytest
from scipy.special import stdtrit

from commonground.analytics.survey.student import EXPANSION_FROM, t_quantile

DEGREES = [*range(1, 120), 250, 499, 500, 777, EXPANSION_FROM - 1, EXPANSION_FROM, 1561,
           4131, 91265, 10**6, 10**9]


@pytest.mark.parametrize("p", [0.975, 0.025, 0.95, 0.995, 0.9995, 0.6, 0.3])
def test_quantiles_equal_scipys(p: float) -> None:
    for df in DEGREES:
        assert t_quantile(p, df) == pytest.approx(float(stdtrit(df, p)), rel=1e-12, abs=0), df


def test_the_middle_and_the_refusals() -> None:
    assert t_quantile(0.5, 7) == 0.0
    for p, df in [(0.0, 5), (1.0, 5), (0.9, 0), (0.9, 2.5)]:
        with pytest.raises(ValueError):
            t_quantile(p, df)  # type: ignore[arg-type]
