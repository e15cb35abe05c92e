"""Fixtures for the analytics tests: the real ONS tables, loaded once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from segregation_data import load_lsoa, load_trafford_oa, shared_data  # noqa: E402


@pytest.fixture(scope="session")
def shared() -> Path:
    path: Path = shared_data()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path} (set COMMONGROUND_SHARED_DATA)")
    return path


@pytest.fixture(scope="session")
def lsoa(shared: Path) -> pd.DataFrame:
    return load_lsoa()


@pytest.fixture(scope="session")
def trafford_oa(shared: Path) -> pd.DataFrame:
    frame, _labels = load_trafford_oa()
    return frame
