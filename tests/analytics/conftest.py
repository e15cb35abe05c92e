"""Fixtures for the analytics tests: the real ONS tables shipped in data/demo, loaded once
per session (so the golden tests run in every checkout, with or without ../shared/data)."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from segregation_data import LSOA_FILE, load_lsoa, load_trafford_oa  # noqa: E402


@pytest.fixture(scope="session")
def lsoa_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The national LSOA file as a plain CSV, as an analyst would hand it to the CLI."""
    path = tmp_path_factory.mktemp("ons") / "census2021_ethnicity_lsoa21.csv"
    path.write_bytes(gzip.decompress(LSOA_FILE.read_bytes()))
    return path


@pytest.fixture(scope="session")
def lsoa() -> pd.DataFrame:
    return load_lsoa()


@pytest.fixture(scope="session")
def trafford_oa() -> pd.DataFrame:
    frame, _labels = load_trafford_oa()
    return frame
