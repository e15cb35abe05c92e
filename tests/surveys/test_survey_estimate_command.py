"""``commonground survey-estimate``: R's numbers from two files, and clear words for bad ones."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

DATA = Path(__file__).resolve().parents[1] / "analytics" / "survey" / "data"
GOLDEN = Path(__file__).resolve().parents[1] / "analytics" / "survey" / "golden"
RESPONSES = DATA / "council_responses.csv"
MARGINS = DATA / "council_margins.csv"
ARGS = ["--margins", str(MARGINS), "--question", "get_on_well",
        "--agree", "definitely_agree,tend_to_agree", "--exclude", "dont_know"]


def golden_rows(by: str) -> list[dict]:
    case = json.loads((GOLDEN / "council.json").read_text())[0]
    assert case["name"] == "council raked, equal starting weights"
    spec = next(e for e in case["estimates"] if e["variable"] == "get_on_well" and e["by"] == by)
    return spec["rows"]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("survey_estimate", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("by", ["ward", "age_band"])
def test_the_command_gives_rs_estimates_for_everyone_and_each_domain(by: str,
                                                                      tmp_path: Path) -> None:
    out_file = tmp_path / "out.csv"
    stdout, _ = run(str(RESPONSES), *ARGS, "--by", by, "--out", str(out_file))
    assert "Weighting: raking" in stdout and "effective sample size" in stdout
    assert "'ward' margin adds up to 186,150, not 186,152" in stdout
    assert "83 respondent(s) answered one of --exclude" in stdout
    with out_file.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["domain", "n", "estimate", "se", "ci_low", "ci_high", "deff", "ess"]
    want = golden_rows(by)
    assert [r["domain"] for r in rows][0] == "all"
    assert sorted(r["domain"] for r in rows) == sorted(r["domain"] for r in want)
    got = {r["domain"]: r for r in rows}
    for row in want:
        mine = got[row["domain"]]
        assert int(mine["n"]) == row["n"]
        np.testing.assert_allclose(float(mine["estimate"]), row["estimate"], rtol=1e-8)
        for name in ("se", "ci_low", "ci_high", "deff", "ess"):
            np.testing.assert_allclose(float(mine[name]), row[name], rtol=1e-6, err_msg=name)


def test_the_table_goes_to_the_screen_and_the_report_to_stderr() -> None:
    stdout, stderr = run(str(RESPONSES), *ARGS, "--ci", "beta")
    assert stdout.splitlines()[0] == "domain,n,estimate,se,ci_low,ci_high,deff,ess"
    assert len(stdout.splitlines()) == 2 and stdout.splitlines()[1].startswith("all,1561,")
    assert "Weighting: raking" in stderr


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_every_fault_in_the_margins_names_its_line_and_field(tmp_path: Path) -> None:
    margins = write(tmp_path / "margins.csv",
                    "variable,category,population\nsex,female,100\nsex,,50\nsex,male,lots\n"
                    "sex,female,90\nage*sex,16-24,10\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 problem"):
        call_command("survey_estimate", str(RESPONSES), "--margins", str(margins),
                     "--question", "get_on_well", "--agree", "tend_to_agree", stderr=err)
    assert err.getvalue().splitlines() == [
        "margins.csv, line 3, field 'category': is empty",
        "margins.csv, line 4, field 'population': 'lots' is not a number",
        "margins.csv, line 5, field 'category': sex 'female' repeats line 2",
        "margins.csv, line 6, field 'category': '16-24' should have 2 part(s) separated by "
        "'*', like the variable 'age*sex'"]


def test_unknown_and_blank_categories_in_the_responses_are_located(tmp_path: Path) -> None:
    margins = write(tmp_path / "margins.csv",
                    "variable,category,population\nsex,female,100\nsex,male,90\n")
    responses = write(tmp_path / "responses.csv",
                      "id,sex,q\n1,female,yes\n2,Female,no\n3,,yes\n4,male,no\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("survey_estimate", str(responses), "--margins", str(margins),
                     "--question", "q", "--agree", "yes", stderr=err)
    assert err.getvalue().splitlines() == [
        "responses.csv, line 3, field 'sex': 'Female' is not a category of the margins "
        "('female', 'male')",
        "responses.csv, line 4, field 'sex': is empty; every respondent needs a category "
        "for weighting"]


def test_a_missing_column_is_named_with_what_the_header_has(tmp_path: Path) -> None:
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("survey_estimate", str(RESPONSES), *ARGS[:2], "--question", "trust",
                     "--agree", "yes", stderr=err)
    assert err.getvalue().startswith("council_responses.csv, line 1: missing column(s) 'trust'")


def test_a_margin_category_nobody_answered_from_suggests_collapsing(tmp_path: Path) -> None:
    margins = write(tmp_path / "margins.csv",
                    "variable,category,population\nage,16-24,50\nage,25-34,100\nage,35+,90\n")
    responses = write(tmp_path / "responses.csv", "age,q\n25-34,yes\n35+,no\n35+,yes\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was estimated"):
        call_command("survey_estimate", str(responses), "--margins", str(margins),
                     "--question", "q", "--agree", "yes", stderr=err)
    assert "margins.csv: no respondents in age '16-24' (population 50): collapse it with a " \
           "neighbouring category (for example with '25-34')" in err.getvalue()


def test_an_answer_nobody_gave_is_refused_with_the_answers_there_are() -> None:
    with pytest.raises(CommandError, match=r"--agree answer\(s\) 'tend_to_agre' do not occur "
                                           r"in column 'get_on_well' of council_responses.csv; "
                                           r"its answers are: 'definitely_agree'"):
        run(str(RESPONSES), "--margins", str(MARGINS), "--question", "get_on_well",
            "--agree", "definitely_agree,tend_to_agre")


def test_the_command_runs_without_a_database_or_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "DATABASE_URL"}}
    out = tmp_path / "out.csv"
    result = subprocess.run(
        [sys.executable, "-m", "commonground", "survey-estimate", str(RESPONSES), *ARGS,
         "--by", "sex", "--out", str(out)],
        env={**env, "DEBUG": "false", "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert [line.split(",")[0] for line in out.read_text().splitlines()] == [
        "domain", "all", "female", "male"]


def test_a_joint_category_the_margins_lack_is_located(tmp_path: Path) -> None:
    margins = write(tmp_path / "margins.csv",
                    "variable,category,population\nage*sex,young*female,50\n"
                    "age*sex,old*female,60\nage*sex,old*male,70\n")
    responses = write(tmp_path / "responses.csv",
                      "age,sex,q\nyoung,female,yes\nold , male,no\nyoung,male,yes\n"
                      "old,female,no\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("survey_estimate", str(responses), "--margins", str(margins),
                     "--question", "q", "--agree", "yes", stderr=err)
    assert err.getvalue().splitlines() == [
        "responses.csv, line 4, field 'age, sex': 'young*male' has no population in the "
        "margin 'age*sex'"]
