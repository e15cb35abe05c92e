"""Constructed count series shaped like published ones, for the early-warning tests.

The numbers are made up here (fixed seeds), not published figures. The monthly series
copies the *shape* of the police-recorded hate-crime series for a large force area in
England as shown in the Home Office "Hate crime, England and Wales" bulletins
(2016/17 and 2017/18): a summer high and winter low of roughly +-10%, a steady rise
of about 12% a year (better recording and more reporting), a sharp spike after the EU
referendum of 23 June 2016 (July 2016 about 41% above July 2015, i.e. about 26% above
trend) and raised counts in spring-summer 2017 after the Westminster (March),
Manchester Arena (May), London Bridge and Finsbury Park (June) attacks.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

#: Month-of-year factors, January first: summer high, December-February low.
SEASON = np.array([0.90, 0.88, 0.97, 0.98, 1.04, 1.06, 1.12, 1.06, 1.02, 1.03, 0.97, 0.90])
SEASON = SEASON / SEASON.mean()

#: Multipliers over trend and season for the trigger-event months.
SPIKES: dict[tuple[int, int], float] = {
    (2016, 6): 1.10,  # referendum on the 23rd: the last week only
    (2016, 7): 1.26,  # the peak: ~41% above July 2015
    (2016, 8): 1.10,
    (2017, 3): 1.05,  # Westminster, 22 March
    (2017, 5): 1.08,  # Manchester Arena, 22 May
    (2017, 6): 1.25,  # London Bridge 3 June, Finsbury Park 19 June
    (2017, 7): 1.10,
}

#: January 2013 to December 2019.
MONTHS: list[tuple[int, int]] = [(y, m) for y in range(2013, 2020) for m in range(1, 13)]


def hate_crime_like_monthly(
    rng: np.random.Generator,
    *,
    base: float = 300.0,
    growth: float = 0.12,
    dispersion: float = 1.5,
    spikes: bool = True,
) -> NDArray[np.int64]:
    """One constructed monthly series (84 months from January 2013).

    ``base`` is the trend level in January 2013; counts are negative binomial with
    variance ``dispersion * mean`` (gamma-Poisson mixture).
    """
    t = np.arange(len(MONTHS))
    mean = base * (1.0 + growth) ** (t / 12.0) * SEASON[t % 12]
    if spikes:
        mean = mean * np.array([SPIKES.get(k, 1.0) for k in MONTHS])
    shape = mean / (dispersion - 1.0)
    return np.asarray(rng.poisson(rng.gamma(shape, mean / shape)), dtype=np.int64)


def ordinary_months() -> NDArray[np.bool_]:
    """True for months with no trigger event."""
    return np.array([k not in SPIKES for k in MONTHS])
