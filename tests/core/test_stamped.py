"""Values kept per process while their stamp holds."""

from __future__ import annotations

from commonground.core.stamped import StampedValues, clear_all


def test_a_value_is_read_once_per_stamp() -> None:
    reads: list[str] = []
    values: StampedValues[str, str] = StampedValues()

    def read(text: str) -> str:
        reads.append(text)
        return text

    assert values.get("k", 1, lambda: read("a")) == "a"
    assert values.get("k", 1, lambda: read("b")) == "a"  # kept
    assert values.get("k", 2, lambda: read("c")) == "c"  # new stamp: read again
    assert values.get("k", 1, lambda: read("d")) == "d"  # only the latest stamp is kept
    assert reads == ["a", "c", "d"]


def test_keep_decides_what_is_kept() -> None:
    values: StampedValues[str, int] = StampedValues()
    assert values.get("k", 1, lambda: 1, keep=lambda v: v > 1) == 1
    assert values.get("k", 1, lambda: 2, keep=lambda v: v > 1) == 2  # 1 was not kept
    assert values.get("k", 1, lambda: 3) == 2


def test_at_most_max_keys_and_clear_all() -> None:
    values: StampedValues[int, int] = StampedValues(max_keys=2)
    for key in range(3):
        values.get(key, "s", lambda k=key: k)  # type: ignore[misc]
    assert values.get(2, "s", lambda: -1) == 2  # the newest survived the bound
    assert values.get(0, "s", lambda: -1) == -1  # the oldest were dropped
    clear_all()
    assert values.get(2, "s", lambda: 7) == 7
