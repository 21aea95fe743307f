"""The supervisor's edit model and the TOML writer: every field round-trips exactly; bad
values are named by field with the reason; the loader's rules apply."""

from __future__ import annotations

import pytest

from assistant.conduct.pack import (
    PHRASE_KINDS,
    RULE_IDS,
    RULE_MODELS,
    Acoustics,
    PackInfo,
    Recording,
    default_pack_path,
    load_pack,
)
from assistant.rollout.editing import FieldSpec, PackDraft, pack_sections


def every_field_path() -> set[tuple[str, ...]]:
    paths = {("pack", f) for f in PackInfo.model_fields}
    paths |= {("acoustics", f) for f in Acoustics.model_fields}
    paths |= {("recording", f) for f in Recording.model_fields}
    paths |= {("phrases", k) for k in PHRASE_KINDS}
    paths |= {("rules", r, f) for r in RULE_IDS for f in RULE_MODELS[r].model_fields}
    return paths


def candidates(spec: FieldSpec, current):
    """Values other than ``current`` that might be valid for the field, likeliest first."""
    if spec.kind == "bool":
        return [not current]
    if spec.kind in ("choice", "clause"):
        return [c for c in spec.choices if c != current]
    if spec.kind == "phrases":
        return [list(current) + ["新的说法"], ["新的说法"]]
    if spec.kind == "text":
        if spec.name == "version":
            return ["7.8.9"]
        if spec.name == "id":
            return ["acme-floor-2"]
        return [current + " 已修改" if current else "说明 \"引号\" \\ 反斜杠"]
    step = 1 if spec.kind == "int" else 0.25
    values = [current + step, current - step, current + 10 * step, current - 10 * step]
    if spec.low is not None and spec.high is not None:
        values.append((spec.low + spec.high) / 2)
    return [int(v) if spec.kind == "int" else float(v) for v in values]


def test_the_form_covers_every_field_of_a_pack():
    specs = {f.path for s in pack_sections() for f in s.fields}
    assert specs == every_field_path()


def test_every_field_round_trips_through_the_draft_and_the_writer(tmp_path):
    draft = PackDraft.open(default_pack_path("zh"))
    changed = {}
    for section in pack_sections():
        for spec in section.fields:
            current = draft.get(spec.path)
            for value in candidates(spec, current):
                draft.set(spec.path, value)
                if draft.valid:
                    changed[spec.path] = draft.pack
                    break
            else:
                pytest.fail(f"no valid non-default value found for {spec.key}: {draft.errors}")
    assert set(changed) == every_field_path()
    expected = draft.pack
    path = draft.save(tmp_path / "edited.toml")
    again = load_pack(path)
    assert again == expected
    original = load_pack(default_pack_path("zh"))
    for field in every_field_path():
        assert _get(again, field) != _get(original, field), ".".join(field)
    assert PackDraft.open(path).pack == expected


def _get(pack, path):
    node = pack
    for part in path:
        node = getattr(node, part)
    return node


def test_saving_keeps_the_header_comment_and_a_signed_file_opens_unsigned(tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from assistant.rollout.signing import sign_text

    signed = tmp_path / "signed.toml"
    signed.write_text(sign_text(default_pack_path("zh").read_text(encoding="utf-8"),
                                Ed25519PrivateKey.generate()), encoding="utf-8")
    draft = PackDraft.open(signed)
    text = draft.to_toml()
    assert text.startswith("# 默认规则包（普通话）")
    assert "# signature:" not in text


def test_bad_values_name_the_field_and_why_and_the_draft_is_not_valid():
    draft = PackDraft.open(default_pack_path("zh"))
    seen = []
    draft.subscribe(seen.append)
    draft.set(("rules", "hold_update", "interval_s"), "2")
    assert seen == [("rules", "hold_update", "interval_s")]
    assert not draft.valid
    assert draft.error(("rules", "hold_update", "interval_s")) == \
        "Input should be greater than or equal to 5"
    with pytest.raises(ValueError, match="rules.hold_update.interval_s"):
        draft.to_toml()
    draft.set(("rules", "hold_update", "interval_s"), "abc")
    assert "valid number" in draft.error(("rules", "hold_update", "interval_s"))
    draft.set(("rules", "hold_update", "interval_s"), "12")
    assert draft.valid and draft.pack.rules.hold_update.interval_s == 12.0


def test_a_cross_field_problem_shows_while_another_field_is_wrong(monkeypatch):
    monkeypatch.setenv("ASSISTANT_UI_LANG", "zh")
    draft = PackDraft.open(default_pack_path("zh"))
    draft.set(("rules", "pace_drift", "sustain_s"), "abc")
    draft.set(("rules", "pace_drift", "min_spm"), "300")  # as typed, not yet a number
    draft.set(("rules", "volume", "quiet_dbfs"), -5.0)
    assert draft.error_kind(("rules", "pace_drift", "sustain_s")).type == "float_parsing"
    assert draft.error_kind(("rules", "pace_drift")).type == "pace_band"
    assert draft.error_kind(("rules", "volume")).type == "volume_band"
    assert draft.error(("rules", "volume")) == "quiet_dbfs must be below loud_dbfs"
    draft.set(("rules", "pace_drift", "min_spm"), "12")
    assert draft.error_kind(("rules", "pace_drift")) is None
    draft.set(("rules", "pace_drift", "ratio_band"), "0.05")  # below its limit, and the
    assert draft.error_kind(("rules", "pace_drift", "ratio_band")).type == "greater_than_equal"
    assert draft.error_kind(("rules", "pace_drift")) is None  # hysteresis waits for it


def test_cross_field_rules_and_clauses_are_checked():
    draft = PackDraft.open(default_pack_path("zh"))
    draft.set(("rules", "pace_drift", "min_spm"), 300.0)
    assert draft.error(("rules", "pace_drift")) == "min_spm must be below max_spm"
    assert draft.error_kind(("rules", "pace_drift")).type == "pace_band"
    draft.set(("rules", "pace_drift", "min_spm"), 120.0)
    draft.set(("rules", "volume", "clause"), "kf-99.9")
    assert "not in the code of conduct's catalogue" in draft.error(("rules", "volume", "clause"))
    draft.set(("rules", "volume", "clause"), "kf-5")
    draft.set(("phrases", "thanks"), ["谢谢", "  "])
    assert draft.error(("phrases", "thanks")) == "phrases must not be empty"
