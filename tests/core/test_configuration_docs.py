"""docs/configuration.md lists every environment variable the settings read."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_read_from_the_environment_is_documented() -> None:
    sources = (ROOT / "src/commonground/settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|secret)\(\s*"([A-Z0-9_]+)"', sources))
    names |= set(re.findall(r'mandatory_secret\(\s*"([A-Z0-9_]+)"', sources))
    docs = (ROOT / "docs/configuration.md").read_text()
    undocumented = sorted(n for n in names if f"`{n}`" not in docs)
    assert names, "no settings found: has settings.py changed shape?"
    assert not undocumented, f"add these to docs/configuration.md: {undocumented}"
