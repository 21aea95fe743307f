"""The site policy's `[floor]` table and the agent's credential: what is wrong is named, and
nothing is sent until it is fixed (the calls stay queued on the desktop)."""

from __future__ import annotations

import pytest

from assistant.floor.config import FloorConfigError, load_floor_config
from assistant.floor.sync import start_sender
from assistant.rollout.policy import load_policy


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_SITE_DIR", str(tmp_path))
    return tmp_path


def _policy(site, floor: str) -> None:
    (site / "policy.toml").write_text(f"[floor]\n{floor}\n", encoding="utf-8")


def test_no_floor_table_means_no_central_store(site):
    (site / "policy.toml").write_text('[locked]\nlang = "zh"\n', encoding="utf-8")
    assert load_floor_config() is None
    assert start_sender(report=pytest.fail) is None


def test_a_complete_table_is_read_with_the_site_folders_files(site):
    _policy(site, 'url = "https://floor.example:8443/"\nca_file = "ca.pem"\n'
                  "send_audio = true")
    (site / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    (site / "floor.token").write_text("abc.def\n", encoding="utf-8")
    config = load_floor_config()
    assert (config.url, config.token, config.ca_file) == ("https://floor.example:8443",
                                                          "abc.def", site / "ca.pem")
    assert (config.send_transcripts, config.send_audio) == (False, True)


@pytest.mark.parametrize(("files", "says"), [
    ({}, "no credential for the central store"),
    ({"floor.token": "not a token"}, "does not hold a credential"),
])
def test_a_missing_or_bad_credential_is_named(site, files, says):
    _policy(site, 'url = "https://floor.example"')
    for name, text in files.items():
        (site / name).write_text(text, encoding="utf-8")
    with pytest.raises(FloorConfigError, match=says):
        load_floor_config()
    told: list[str] = []
    assert start_sender(report=told.append) is None
    assert says in told[0] and "stay on this machine" in told[0]


def test_plain_http_is_refused_except_to_this_machine(site):
    (site / "floor.token").write_text("abc.def", encoding="utf-8")
    _policy(site, 'url = "http://floor.example"')
    with pytest.raises(FloorConfigError, match="must be reached over https"):
        load_floor_config()
    _policy(site, 'url = "http://127.0.0.1:8080"')
    assert load_floor_config().url == "http://127.0.0.1:8080"


def test_a_missing_ca_file_is_named(site):
    (site / "floor.token").write_text("abc.def", encoding="utf-8")
    _policy(site, 'url = "https://floor.example"\nca_file = "nope.pem"')
    with pytest.raises(FloorConfigError, match="nope.pem"):
        load_floor_config()


def test_a_broken_floor_table_breaks_the_policy_by_name_and_sends_nothing(site):
    _policy(site, 'url = "ftp://floor.example"\nsend_everything = true')
    policy = load_policy()
    assert policy.lock_all and policy.floor is None
    assert "floor" in policy.problem and "send_everything" in policy.problem
    assert load_floor_config(policy) is None
