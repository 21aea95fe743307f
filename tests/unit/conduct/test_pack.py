"""Pack validation: every error names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conduct.pack import RULE_IDS, PackError, default_pack_path, load_pack, parse_pack


@pytest.mark.parametrize("language", ["zh", "en", "ko"])
def test_shipped_packs_are_valid_and_cover_every_rule(language):
    path = default_pack_path(language)
    if not path.exists():
        pytest.skip(f"no {language} pack")
    pack = load_pack(path)
    assert pack.language == language
    for rule_id in RULE_IDS:
        assert pack.rule(rule_id).clause.startswith("kf-")


def _broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = default_pack_path("zh").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    line = text[: text.index(new)].count("\n") + 1
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path, line


def test_bad_value_names_file_line_and_field(tmp_path):
    path, line = _broken(tmp_path, "interval_s = 15.0", "interval_s = 2")
    with pytest.raises(PackError) as err:
        load_pack(path)
    [problem] = err.value.problems
    assert (problem.path, problem.line, problem.field) == (path, line, "rules.hold_update.interval_s")
    assert str(problem).startswith(f"{path}:{line}: rules.hold_update.interval_s:")
    assert "greater than or equal to 5" in problem.message


def test_misspelt_key_is_reported_as_unknown(tmp_path):
    path, line = _broken(tmp_path, "show_s = 6.0", "show_sec = 6.0")
    with pytest.raises(PackError) as err:
        load_pack(path)
    [problem] = err.value.problems
    assert problem.line == line and problem.field == "rules.forbidden_phrase.show_sec"
    assert "unknown field" in problem.message


def test_missing_rule_table_points_at_rules(tmp_path):
    path, _ = _broken(tmp_path, "[rules.backchannel]", "[rules.backchannel_typo]")
    with pytest.raises(PackError) as err:
        load_pack(path)
    fields = {p.field for p in err.value.problems}
    assert "rules.backchannel" in fields and "rules.backchannel_typo" in fields


def test_bad_clause_id_and_cross_field_checks(tmp_path):
    path, line = _broken(tmp_path, 'clause = "kf-5"', 'clause = "article five"')
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert err.value.problems[0].line == line
    assert "not a clause id" in err.value.problems[0].message
    path, line = _broken(tmp_path, "resolve_band = 0.15", "resolve_band = 0.5")
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert "resolve_band" in str(err.value)


def test_toml_syntax_error_has_a_line(tmp_path):
    path, line = _broken(tmp_path, "cooldown_s = 60", "cooldown_s = = 60")
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert err.value.problems[0].line == line
    assert "not valid TOML" in err.value.problems[0].message


def test_missing_file_and_empty_phrase():
    with pytest.raises(PackError, match="no such pack file"):
        load_pack("/nonexistent/pack.toml")
    text = default_pack_path("zh").read_text(encoding="utf-8").replace('"晚上好"', '"  "')
    with pytest.raises(PackError, match="phrases.greeting_evening"):
        parse_pack(text)
