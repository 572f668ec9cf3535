"""The ``flask`` command groups, one module a group: thin wrappers over importable functions."""

from __future__ import annotations

from flask import Flask

from portal.cli import demo, search, seed, users


def register(app: Flask) -> None:
    app.cli.add_command(seed.seed_command)
    app.cli.add_command(users.users_group)
    app.cli.add_command(search.search_group)
    app.cli.add_command(demo.demo_group)
