"""Wording placeholders: checked per rule when a pack is loaded or signed, rendered safely."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc

import pytest

from assistant.conduct import placeholders as ph
from assistant.conduct.pack import (
    RULE_IDS,
    RULE_MODELS,
    PackError,
    default_pack_path,
    load_pack,
    rule_placeholders,
)
from tests.unit.conduct.scripted_call import GOOD_OPENING, ScriptedCall, pack_for

HOLD_TEXT = 'text = "客户已等待 {waited:.0f} 秒：请通报查询进展"'


def _pack_with(tmp_path, old, new):
    text = default_pack_path("zh").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path = tmp_path / "typo.toml"
    path.write_text(text, encoding="utf-8")
    return path, text[: text.index(new)].count("\n") + 1


@pytest.mark.parametrize("wording, says", [
    ("{wated}", "not a field of this rule"),
    ("{waited:d}", "does not suit a number field"),
    ("{waited.x}", "attribute or index access"),
    ("{waited[0]}", "attribute or index access"),
    ("{waited:>300000000}", "too large"),
    ("{waited!r}", "conversions are not allowed"),
    ("{}", "empty or numbered"),
    ("{0}", "empty or numbered"),
    ("等待 {waited 秒", "unbalanced braces"),
    ("{waited:{x}}", "does not suit"),
])
def test_bad_placeholders_name_file_line_and_field(tmp_path, monkeypatch, wording, says):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    path, line = _pack_with(tmp_path, HOLD_TEXT, f'text = "{wording}"')
    with pytest.raises(PackError) as err:
        load_pack(path)
    [problem] = err.value.problems
    assert (problem.path, problem.line, problem.field) == (path, line, "rules.hold_update.text")
    assert says in problem.message


def test_placeholder_problems_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    path, line = _pack_with(tmp_path, HOLD_TEXT, 'text = "客户已等待 {wated} 秒"')
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert f"typo.toml:{line}: rules.hold_update.text:" in str(err.value)
    assert "不是本规则的字段" in str(err.value) and "{waited}" in str(err.value)
    path, _ = _pack_with(tmp_path, HOLD_TEXT, 'text = "客户已等待 {waited:d} 秒"')
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert "不适用于数值字段；显示整数请写 {waited:.0f}" in str(err.value)


def test_the_intro_template_is_checked_against_its_own_fields(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    path, _ = _pack_with(tmp_path, 'intro = "', 'intro = "{nmae} ')
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert err.value.problems[0].field == "rules.self_intro.intro"


def test_good_formats_pass():
    fields = {"waited": ph.NUMBER, "rings": ph.INTEGER, "phrase": ph.TEXT}
    for good in ("{waited}", "{waited:.0f}", "{waited:>6.1f}", "{rings:d}", "{rings:02d}",
                 "{phrase}", "{phrase:.4}", "{{literal}}"):
        assert ph.problems(good, fields) == [], good


def test_sign_refuses_a_typo(tmp_path):
    path, _ = _pack_with(tmp_path, HOLD_TEXT, 'text = "{wated}"')
    keys = tmp_path / "keys"
    env = {"LANG": "en_GB.UTF-8", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "assistant", "pack", "keygen", "--out", str(keys)],
                   check=True, capture_output=True, env=env)
    key = next(keys.glob("*.key"))
    done = subprocess.run([sys.executable, "-m", "assistant", "pack", "sign", str(path),
                           "--key", str(key), "--out", str(tmp_path / "out.toml")],
                          capture_output=True, text=True, env=env)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "rules.hold_update.text" in done.stderr + done.stdout
    assert not (tmp_path / "out.toml").exists()


@pytest.mark.parametrize("wording", ["{waited.x}", "{waited[0]}", "{waited:>300000000}",
                                     "{waited:d}", "{wated}", "{", "}", "{waited!z}",
                                     "{waited:" + "9" * 50 + "}"])
def test_a_bad_template_that_bypassed_the_checks_never_raises_nor_blows_up(wording):
    call = ScriptedCall(pack=pack_for(hold_update={"text": wording}))
    call.turn("agent", 0.5, 3.0, GOOD_OPENING)
    call.turn("agent", 6.5, 9.0, "请您稍等，我帮您查一下")
    tracemalloc.start()
    call.run(until=30.0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    [raised] = call.raised("hold_update")
    assert len(raised.prompt.text) <= ph.MAX_RENDERED
    assert peak < 50_000_000


def test_every_rule_lists_its_placeholders_and_the_shipped_packs_use_only_those():
    for rule_id in RULE_IDS:
        wording = rule_placeholders(rule_id)
        assert "text" in wording
        assert set(wording) <= set(RULE_MODELS[rule_id].model_fields)
    for lang in ("zh", "en", "ko"):
        pack = load_pack(default_pack_path(lang))
        for rule_id in RULE_IDS:
            for field, names in rule_placeholders(rule_id).items():
                used = {p.name for p in ph.placeholders_in(getattr(pack.rule(rule_id), field))}
                assert used <= set(names), (lang, rule_id, field)
    assert rule_placeholders("hold_update") == {"text": {"waited": "number"}}
    assert ph.insert_text("waited", ph.NUMBER) == "{waited:.0f}"


def test_the_fields_a_rule_fills_are_the_ones_it_declares(monkeypatch):
    """Every placeholder a rule offers the supervisor is one it really fills, and vice versa."""
    from assistant.conduct.engine import RuleEngine

    seen: dict[str, set[str]] = {}
    original = RuleEngine.raise_prompt

    def spy(self, rule, t, text, severity, *, replace=False, detail=None):
        seen.setdefault(rule.id, set()).update(detail or {})
        return original(self, rule, t, text, severity, replace=replace, detail=detail)

    monkeypatch.setattr(RuleEngine, "raise_prompt", spy)
    call = ScriptedCall()
    call.turn("agent", 20.0, 22.0, "请您稍等")
    call.turn("caller", 23.0, 60.0, "我想问一下")
    call.pace("agent", 61.0, 400.0).pace("agent", 70.0, 400.0)
    call.level(61.0, 70.0, -3.0)
    call.turn("agent", 62.0, 80.0, "你怎么回事")
    call.run(until=120.0)
    for rule_id, names in seen.items():
        assert names == set(rule_placeholders(rule_id)["text"]), rule_id
    assert {"hold_update", "backchannel", "pace_drift"} <= set(seen)  # the opening's
    # rules never prompt live (a miss goes to the after-call feedback)


def test_the_editor_shows_a_placeholder_typo_under_the_field(monkeypatch):
    from assistant.rollout.editing import PackDraft

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    draft = PackDraft.open(default_pack_path("zh"))
    draft.set(("rules", "hold_update", "text"), "客户已等待 {wated} 秒")
    assert not draft.valid
    assert "不是本规则的字段" in draft.error(("rules", "hold_update", "text"))
