"""Student's t quantiles for whole degrees of freedom, with the standard library and NumPy.

``scipy.special.stdtrit`` gives the same numbers, but importing ``scipy.special`` takes a
quarter of a second or more (SciPy 1.17 copies NumPy's whole namespace, ``numpy.f2py``
included, for its array-API support): more than the ``survey-estimate`` command's work on
100,000 responses.  The intervals need only the quantile, for whole degrees of freedom
(respondents or sampling units less strata), where the distribution has a closed form
(Abramowitz and Stegun 1964, 26.7.3 and 26.7.4): with ``theta = atan(t / sqrt(nu))`` and
``c = cos(theta)``, ``P(|T| <= t)`` is

* ``sin(theta) (1 + 1/2 c^2 + 1.3/(2.4) c^4 + ... + 1.3...(nu-3)/(2.4...(nu-2)) c^(nu-2))``
  for even ``nu``;
* ``2/pi (theta + sin(theta) c (1 + 2/3 c^2 + 2.4/(3.5) c^4 + ... + 2.4...(nu-3)/(3.5...
  (nu-2)) c^(nu-3)))`` for odd ``nu``.

:func:`t_quantile` solves it by Newton's method from the normal quantile, which lies
below the t quantile; ``P(|T| <= t)`` is concave for ``t >= 0``, so the steps climb to the
root without overshooting.  From 1,000 degrees of freedom the series is long and the
Cornish-Fisher expansion in ``1/nu`` (Abramowitz and Stegun 26.7.5, four terms) is exact
to rounding instead.  The tests hold both to SciPy's ``stdtrit`` to 1e-12.

References
----------
Abramowitz, M. and Stegun, I. A. (1964) *Handbook of Mathematical Functions*, section
26.7. National Bureau of Standards.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

#: From this many degrees of freedom the Cornish-Fisher expansion is used.
EXPANSION_FROM = 1000


def _two_sided(t: float, df: int) -> float:
    """``P(|T| <= t)`` for ``t >= 0`` and ``df >= 2`` degrees of freedom."""
    theta = math.atan(t / math.sqrt(df))
    c2 = math.cos(theta) ** 2
    if df % 2 == 0:
        k = np.arange(1, df // 2, dtype=np.float64)
        series = 1.0 + float(np.cumprod((2 * k - 1) / (2 * k) * c2).sum())
        return math.sin(theta) * series
    k = np.arange(1, (df - 1) // 2, dtype=np.float64)
    series = 1.0 + float(np.cumprod(2 * k / (2 * k + 1) * c2).sum())
    return 2 / math.pi * (theta + math.sin(theta) * math.cos(theta) * series)


def _expansion(z: float, df: int) -> float:
    """The Cornish-Fisher expansion of the t quantile around the normal one ``z``."""
    z2 = z * z
    g1 = z * (z2 + 1) / 4
    g2 = z * ((5 * z2 + 16) * z2 + 3) / 96
    g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384
    g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160
    return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df


def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile of Student's t distribution with ``df`` degrees of freedom.

    Parameters
    ----------
    p : float
        Strictly between 0 and 1.
    df : int
        Whole degrees of freedom, at least 1.

    Returns
    -------
    float
        As ``scipy.special.stdtrit(df, p)``.

    Raises
    ------
    ValueError
        If ``p`` is not in (0, 1) or ``df`` is not a whole number of at least 1.
    """
    if not 0 < p < 1:
        raise ValueError(f"p must be strictly between 0 and 1, not {p!r}")
    if df != int(df) or df < 1:
        raise ValueError(f"degrees of freedom must be a whole number from 1, not {df!r}")
    df = int(df)
    if p < 0.5:
        return -t_quantile(1 - p, df)
    if p == 0.5:
        return 0.0
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    z = NormalDist().inv_cdf(p)
    if df >= EXPANSION_FROM:
        return _expansion(z, df)
    target = 2 * p - 1
    log_scale = (math.lgamma((df + 1) / 2) - math.lgamma(df / 2)
                 - 0.5 * math.log(df * math.pi))
    t = z
    for _ in range(100):
        density = math.exp(log_scale - (df + 1) / 2 * math.log1p(t * t / df))
        step = (target - _two_sided(t, df)) / (2 * density)
        if step <= 1e-15 * t:  # from below, a step back is rounding: t is the root
            break
        t += step
    return t
