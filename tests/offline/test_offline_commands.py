"""The analysts' commands run without Django from ``python -m commonground``, and give
what the Django management commands of the same names give (one implementation)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from commonground import offline
from tests.tensions.test_commands import monthly_file

SURVEY = Path(__file__).resolve().parents[1] / "analytics" / "survey"
SURVEY_ARGS = [str(SURVEY / "data" / "council_responses.csv"), "--margins",
               str(SURVEY / "data" / "council_margins.csv"), "--question", "get_on_well",
               "--agree", "definitely_agree,tend_to_agree", "--exclude", "dont_know",
               "--by", "ward"]

# Runs the command as the `commonground` script does, then lists what it imported.
PROBE = """
import json, sys
from commonground.__main__ import main
status = 0
try:
    main(["commonground", *sys.argv[1:]])
except SystemExit as exc:
    status = exc.code
print(json.dumps({"status": status, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def counts_file(path: Path) -> Path:
    path.write_text("district,area,a,b\nD1,x1,10,0\nD1,x2,0,10\nD2,y1,5,5\nD2,y2,5,5\n",
                    encoding="utf-8")
    return path


def probe(*args: str) -> tuple[int, str, list[str]]:
    """Exit status, stdout and the imported modules of a fresh ``commonground`` run."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DJANGO_SETTINGS_MODULE"}}
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                            text=True, timeout=120, env={**env, "DEBUG": "false"})
    found = json.loads(result.stderr.strip().splitlines()[-1])
    return found["status"], result.stdout, found["modules"]


def test_survey_estimate_runs_without_django_or_scipy() -> None:
    status, stdout, modules = probe("survey-estimate", *SURVEY_ARGS)
    assert status == 0
    assert stdout.startswith("domain,n,estimate,se,ci_low,ci_high,deff,ess\nall,1561,")
    assert [m for m in modules if m.split(".")[0] == "django"] == []
    # Nor the apps, and nothing of SciPy: its special functions alone took longer to
    # import than the work on 100,000 responses.
    assert [m for m in modules if m.startswith("commonground.")
            and not m.startswith(("commonground.analytics", "commonground.offline"))
            ] == ["commonground.__main__", "commonground.core", "commonground.core.csvfile"]
    assert [m for m in modules if m.split(".")[0] == "scipy"] == []


@pytest.mark.parametrize("command", ["indicators", "detect"])
def test_the_other_analysts_commands_run_without_django(command: str, tmp_path: Path) -> None:
    args = ([str(counts_file(tmp_path / "c.csv")), "--region-col", "district", "--groups",
             "a,b"] if command == "indicators"
            else [str(monthly_file(tmp_path / "m.csv")), "--date-col", "month",
                  "--count-col", "reports"])
    status, stdout, modules = probe(command, *args)
    assert status == 0 and stdout.count("\n") > 2
    assert [m for m in modules if m.split(".")[0] == "django"] == []


def test_a_django_option_takes_the_command_through_django() -> None:
    status, stdout, modules = probe("survey-estimate", *SURVEY_ARGS, "--verbosity", "0")
    assert status == 0 and stdout.startswith("domain,n,estimate")
    assert "django.core.management" in modules


def run_offline(name: str, args: list[str], capsys: pytest.CaptureFixture[str]
                ) -> tuple[int, str, str]:
    status = offline.main(name, args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_django(name: str, args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(f"CommandError: {exc}\n")
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_both_ways_give_the_same_table_and_report(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    cases = [("survey_estimate", SURVEY_ARGS),
             ("indicators", [str(counts_file(tmp_path / "c.csv")), "--region-col",
                             "district", "--groups", "a,b"]),
             ("detect", [str(monthly_file(tmp_path / "m.csv")), "--date-col", "month",
                         "--count-col", "reports"])]
    for name, args in cases:
        ours = run_offline(name, args, capsys)
        assert ours[0] == 0 and ours[1]
        assert ours == run_django(name, args), name


def test_a_bad_file_gets_file_line_and_field_and_a_failing_status(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    margins = tmp_path / "margins.csv"
    margins.write_text("variable,category,population\nsex,female,100\nsex,male,lots\n",
                       encoding="utf-8")
    responses = tmp_path / "responses.csv"
    responses.write_text("id,sex,q\n1,female,yes\n2,Female,no\n", encoding="utf-8")
    args = [str(responses), "--margins", str(margins), "--question", "q", "--agree", "yes"]
    status, out, err = run_offline("survey_estimate", args, capsys)
    assert (status, out) == (1, "")
    assert err.splitlines() == [
        "margins.csv, line 3, field 'population': 'lots' is not a number",
        "CommandError: 1 problem(s) found; nothing was estimated."]
    margins.write_text("variable,category,population\nsex,female,100\nsex,male,90\n",
                       encoding="utf-8")
    status, out, err = run_offline("survey_estimate", args, capsys)
    assert status == 1
    assert err.splitlines() == [
        "responses.csv, line 3, field 'sex': 'Female' is not a category of the margins "
        "('female', 'male')",
        "CommandError: 1 problem(s) found; nothing was estimated."]
    assert (status, out, err) == run_django("survey_estimate", args)


def test_detect_refuses_a_bad_file_with_status_2(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("month,reports\n2024-01,3\n2024-02,many\n", encoding="utf-8")
    status, _out, err = run_offline("detect", [str(bad), "--date-col", "month",
                                               "--count-col", "reports"], capsys)
    assert status == 2
    assert "line 3" in err and err.splitlines()[0] == "CommandError: The file cannot be used:"


def test_wants_django_knows_djangos_own_options() -> None:
    assert offline.wants_django(["f.csv", "--traceback"])
    assert offline.wants_django(["--settings=x.y"])
    assert offline.wants_django(["-v", "2"]) and offline.wants_django(["-v2"])
    assert not offline.wants_django(["f.csv", "--by", "ward", "--out", "-"])


def test_an_output_file_that_cannot_be_written_is_said_in_one_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no such folder" / "out.csv"
    for name, args in [("survey_estimate", SURVEY_ARGS),
                       ("indicators", [str(counts_file(tmp_path / "c.csv")), "--region-col",
                                       "district", "--groups", "a,b"])]:
        status, _out, err = run_offline(name, [*args, "--out", str(out)], capsys)
        assert status == 1, name
        assert err.splitlines()[-1] == (
            f"CommandError: {out}: cannot be written: No such file or directory"), name
    status, _out, err = run_offline("detect", [str(monthly_file(tmp_path / "m.csv")),
                                               "--date-col", "month", "--count-col",
                                               "reports", "--out", str(out)], capsys)
    assert status == 2 and "cannot be written" in err
