"""A session keeps the pack that judged the call, whichever file the settings name."""

from __future__ import annotations

from assistant.conduct.pack import default_pack_path, load_pack, parse_pack
from assistant.sessions.recording.start import pack_text


def test_the_supervisors_file_is_kept_as_written_when_it_holds_the_pack_in_use(tmp_path):
    path = default_pack_path("zh")
    assert pack_text(load_pack(path), path) == path.read_text(encoding="utf-8")


def test_another_pack_in_use_is_kept_by_its_values_not_the_named_file(tmp_path):
    named = tmp_path / "mine.toml"
    named.write_text(default_pack_path("zh").read_text(encoding="utf-8"), encoding="utf-8")
    in_use = load_pack(default_pack_path("zh"))
    in_use = in_use.model_copy(update={"rules": in_use.rules.model_copy(update={
        "hold_update": in_use.rules.hold_update.model_copy(update={"interval_s": 20.0})})})
    kept = pack_text(in_use, named)
    assert parse_pack(kept) == in_use


def test_a_broken_named_file_does_not_end_up_in_the_session(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[pack]\nid = 3\n", encoding="utf-8")
    in_use = load_pack(default_pack_path("zh"))
    assert parse_pack(pack_text(in_use, broken)) == in_use
