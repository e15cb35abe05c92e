"""The one CSV writer: formula-like text defused, numbers kept, the plan's round trip exact."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest

from commonground.core import csvfile

DANGEROUS = ["=1+1", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1",
             "=HYPERLINK(\"http://x\")"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_starts_with_an_apostrophe(text: str) -> None:
    assert csvfile.cell(text) == "'" + text
    assert csvfile.restore(csvfile.neutralise(text, reversible=True)) == text


@pytest.mark.parametrize(("value", "written"), [
    (None, ""), (-3, "-3"), (-0.1, "-0.1"), ("-3", "-3"), ("+44", "+44"), ("1e-5", "1e-5"),
    (Decimal("-2.50"), "-2.50"), (True, "true"), (datetime.date(2026, 1, 2), "2026-01-02"),
    ("plain text", "plain text"), ("'quoted", "'quoted"), ("a=b", "a=b")])
def test_numbers_and_plain_text_are_written_as_they_are(value: object, written: str) -> None:
    assert csvfile.cell(value) == written


def test_a_leading_apostrophe_survives_the_round_trip() -> None:
    for text in ["'=x", "'plain", "''", "'"]:
        assert csvfile.restore(csvfile.neutralise(text, reversible=True)) == text


def test_the_writer_quotes_cells_and_reads_back() -> None:
    text = csvfile.to_text(["a", "b"], [["=1+1", 'say "hi", twice'], [None, -1.5]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["a", "b"], ["'=1+1", 'say "hi", twice'], ["", "-1.5"]]
    response = csvfile.response("x.csv", ["a"], [["@me"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.decode() == "a\r\n'@me\r\n"
