"""Residents' surveys: questionnaires, waves, responses, weighting to the census, estimates.

The statistics live in :mod:`commonground.analytics.survey`; this app holds the surveys'
data and serves the pages, the API and the ``survey-estimate`` command.
"""
