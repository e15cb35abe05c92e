"""Residents' survey statistics: weighting to the census, estimates with honest intervals.

Pure NumPy/SciPy (no Django, nothing else of ours outside :mod:`commonground.analytics`),
giving the same numbers as R's ``survey`` package (Lumley), which the golden tests pin.

A typical run::

    weighting = rake({"age_sex": age_sex, "ward": ward}, [age_sex_margin, ward_margin])
    print("\\n".join(weighting.report.lines()))
    design = weighting.design()                      # or design(strata=ward) if drawn by ward
    rows = proportions(design, answer_is_agree, eligible=answered, by=ward)

Modules: :mod:`.margins` (margins and their checks), :mod:`.weighting` (raking and
calibration, the weighting report), :mod:`.design` (sampling design and linearised
variances), :mod:`.estimates` (proportions and means for domains, intervals, design
effects), :mod:`.compare` (differences between groups and waves, detectable change),
:mod:`.small_area` (Fay-Herriot model for small wards), :mod:`.files` and
:mod:`.estimate_file` (the ``survey-estimate`` command's files).
"""

from .compare import (
    Difference,
    domain_difference,
    minimum_detectable_change,
    responses_needed,
    wave_difference,
)
from .design import CalibrationModel, SurveyDesign, survey_design
from .estimates import ALL, CI_METHODS, Estimate, means, proportions
from .margins import Margin, MarginsWarning
from .small_area import FayHerriot, fay_herriot, smoothed_variances
from .weighting import METHODS, MarginFit, Weighting, WeightingReport, calibrate, rake

__all__ = [
    "ALL",
    "CI_METHODS",
    "METHODS",
    "CalibrationModel",
    "Difference",
    "Estimate",
    "FayHerriot",
    "Margin",
    "MarginFit",
    "MarginsWarning",
    "SurveyDesign",
    "Weighting",
    "WeightingReport",
    "calibrate",
    "domain_difference",
    "fay_herriot",
    "means",
    "minimum_detectable_change",
    "proportions",
    "rake",
    "responses_needed",
    "smoothed_variances",
    "survey_design",
    "wave_difference",
]
