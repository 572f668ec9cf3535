"""Tests wait for conditions; they never assert how long something took (that belongs in bench/)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).parent
# an assertion comparing a measured duration with a bound: `elapsed < 1.0`, `wait_for(...) < 1.0`
TIMED = re.compile(r"assert\s+(?:\w*(?:elapsed|seconds|duration)\w*|wait_for\(.*\))\s*<\s*[\d.]+")


def test_no_test_asserts_a_duration():
    offenders = [
        f"{path.relative_to(TESTS)}:{n}"
        for path in TESTS.rglob("test_*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if TIMED.search(line)
    ]
    assert offenders == []
