"""docs/endpoint.md documents every setting and every named question."""

from __future__ import annotations

from dataclasses import fields

from kg.named_queries import load_named_queries
from server.settings import Settings
from tests.conftest import REPO

DOC = (REPO / "docs" / "endpoint.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_default():
    for f in fields(Settings):
        row = next((line for line in DOC.splitlines() if line.startswith(f"| `{f.metadata['env']}` |")), None)
        assert row is not None, f"{f.metadata['env']} is not in docs/endpoint.md"
        default = f.default
        if default is not None:
            assert str(int(default) if isinstance(default, float) else default) in row


def test_every_named_question_is_documented():
    for name in load_named_queries():
        assert f"| `{name}` |" in DOC


def test_settings_from_env():
    settings = Settings.from_env({"KG_TIME_LIMIT": "2.5", "KG_QUERY_WORKERS": "3", "KG_UPDATE_TOKEN": "t"})
    assert (settings.time_limit, settings.query_workers, settings.update_token) == (2.5, 3, "t")
    assert Settings.from_env({}) == Settings()


def test_server_doctests():
    import doctest

    import server.negotiation

    result = doctest.testmod(server.negotiation)
    assert result.attempted >= 2 and result.failed == 0
