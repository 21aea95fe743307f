"""One strict base for packs, scenarios and the administrator's policy: unknown keys and
numbers typed as flags (or flags as numbers) are errors that name the line, in every file."""

from __future__ import annotations

import pytest

from assistant.conduct.pack import PackError, default_pack_path, parse_pack
from assistant.ground.strict import Strict
from assistant.rollout.policy import load_policy
from assistant.scenario.scenario_file import ScenarioError, parse_scenario
from tests.unit.scenario.test_model import MINIMAL


@pytest.mark.parametrize("old, new, field", [
    ('at = 0.5', 'at = true', ":8: turn.0.at"),  # float | None
    ('at = 0.5', 'at = 0.5\ngain_db = false', ":9: turn.0.gain_db"),
    ('at = 0.5', 'at = 0.5\nrate = true', ":9: turn.0.rate"),  # int | None
])
def test_a_scenario_refuses_a_flag_where_a_number_goes(monkeypatch, old, new, field):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "en")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(MINIMAL.replace(old, new, 1))
    assert field in str(caught.value) and "must be a number, not true/false" in str(caught.value)


def test_a_pack_refuses_an_optional_number_given_as_a_flag(monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "zh")
    text = default_pack_path("zh").read_text(encoding="utf-8")
    assert "interval_s = 15.0" in text
    with pytest.raises(PackError) as caught:
        parse_pack(text.replace("interval_s = 15.0", "interval_s = true"))
    assert "必须是数字，不能是 true/false" in str(caught.value)


def test_the_policy_refuses_unknown_keys_like_every_other_file(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[locked]\nlang = "zh"\nvolume = "loud"\n', encoding="utf-8")
    assert f"{path}:3: locked.volume" in load_policy(path).problem


def test_every_schema_people_edit_shares_the_one_base():
    from assistant.conduct.pack import Pack
    from assistant.rollout import policy
    from assistant.scenario import scenario_file as model

    for schema in (Pack, policy._PolicyFile, model._File):
        assert issubclass(schema, Strict), schema
