"""A journalist's programmer generates a Python client from the OpenAPI document with the stock
generator (no overrides), installs it in a fresh venv and lists every type through it."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from portal.api.registry import RESOURCES
from tests.support.live import serve_copy

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = Path(__file__).with_name("client-generator-requirements.txt")
RUNTIME = (
    "httpx",
    "httpcore",
    "h11",
    "anyio",
    "idna",
    "certifi",
    "attrs",
    "poetry-core",
    "typing_extensions",
)

# The 2020 report gives petition outcomes only as counts per round, so no individual petition exists.
EMPTY_IN_THE_STARTER_DATA = ["petitions"]
LIST_EVERY_TYPE = """
import importlib, json, sys
from council_portal_open_data_client import Client
client = Client(base_url=sys.argv[1], raise_on_unexpected_status=True)
out = {}
for name in sys.argv[2:]:
    module = name.replace("-", "_")
    op = importlib.import_module(f"council_portal_open_data_client.api.{module}.list_{module}")
    response = op.sync_detailed(client=client, per_page=100)
    parsed = response.parsed
    out[name] = {"status": int(response.status_code), "model": type(parsed).__name__,
                 "total": parsed.total, "items": len(parsed.items)}
print(json.dumps(out))
"""


def _run(*cmd: str, cwd: Path | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _venv(path: Path, requirements: list[str]) -> Path:
    if not (path / "bin" / "python").exists():
        _run(sys.executable, "-m", "venv", str(path))
    _run(str(path / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", *requirements)
    return path / "bin"


def _pins() -> list[str]:
    return [line for line in REQUIREMENTS.read_text().splitlines() if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def generator() -> Path:
    """The generator in a venv of its own, cached between runs by the hash of its pins."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:12]
    cached = ROOT / ".cache" / f"openapi-generator-{digest}"
    if not (cached / ".installed").exists():
        shutil.rmtree(cached, ignore_errors=True)
        _venv(cached, _pins())
        (cached / ".installed").touch()
    return cached / "bin"


@pytest.fixture(scope="module")
def server(tmp_path_factory, template_dbs):
    with serve_copy(tmp_path_factory.mktemp("client-server"), template_dbs["seeded"]) as url:
        yield url


def test_the_stock_generator_makes_a_client_that_lists_every_type(generator, server, tmp_path):
    out = tmp_path / "generated"
    out.mkdir()
    env_path = f"{generator}{os.pathsep}{os.environ.get('PATH', '')}"
    done = subprocess.run(
        [str(generator / "openapi-python-client"), "generate", "--url", f"{server}/api/v1/openapi.json"],
        cwd=out,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": env_path},
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [package] = list(out.iterdir())
    assert package.name.isascii(), package.name
    assert (package / "pyproject.toml").exists()
    modules = {p.name for p in (package / "council_portal_open_data_client" / "api").iterdir()}
    assert all(m.isascii() for m in modules), modules

    runtime = [pin for pin in _pins() if pin.split("==")[0].lower() in {n.lower() for n in RUNTIME}]
    bin_dir = _venv(tmp_path / "venv", runtime)
    _run(str(bin_dir / "pip"), "install", "-q", "--no-deps", "--no-build-isolation", str(package))
    listed = json.loads(_run(str(bin_dir / "python"), "-c", LIST_EVERY_TYPE, server, *RESOURCES))

    for name in RESOURCES:
        with urllib.request.urlopen(f"{server}/api/v1/{name}?per_page=100") as resp:
            direct = json.load(resp)
        assert listed[name] == {
            "status": 200,
            "model": listed[name]["model"],
            "total": direct["total"],
            "items": len(direct["items"]),
        }, name
        assert listed[name]["model"].endswith("Response200"), listed[name]
    assert [name for name, entry in listed.items() if not entry["items"]] == EMPTY_IN_THE_STARTER_DATA

    # The docs page's two commands and its example are the ones that just worked.
    with urllib.request.urlopen(f"{server}/api/") as resp:
        page = resp.read().decode()
    section = page[page.index('id="thu-vien-python"') :]
    commands, example = (
        html.unescape(block) for block in re.findall(r"<pre><code>(.*?)</code></pre>", section, re.S)[:2]
    )
    assert f"openapi-python-client generate --url '{server}/api/v1/openapi.json'" in commands
    assert f"pip install ./{package.name}" in commands
    printed = _run(str(bin_dir / "python"), "-c", example)
    with urllib.request.urlopen(f"{server}/api/v1/resolutions?year=2020") as resp:
        direct = json.load(resp)
    assert direct["items"] and printed.split(" ", 1)[0] == str(direct["total"])
    assert all(item["title"] in printed for item in direct["items"])
