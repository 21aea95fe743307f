"""The command line's help, headings, usage and errors follow the reader's language (zh/en):
``--ui-lang``, else the locale; every help text the parsers have is worded in Chinese."""

from __future__ import annotations

import argparse
import gettext
import re

import pytest

from assistant.cli import main
from assistant.cli.help_language import help_texts
from assistant.cli.help_zh import ARGPARSE, HELP
from assistant.cli.parser import build_parser

PLACEHOLDER = re.compile(r"%\(\w+\)[sr]|%[sr]|\{\w*\}|--[\w-]+|`[^`]+`")


def test_every_help_text_has_chinese_words_with_the_same_placeholders_and_options():
    texts = help_texts(build_parser())
    assert len(texts) > 80
    missing = [t for t in texts if t not in HELP and t not in ARGPARSE]
    assert missing == []  # a reworded English help needs its Chinese (assistant/cli/help_zh.py)
    for english, chinese in {**HELP, **ARGPARSE}.items():
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(chinese)), \
            english


def _run(capsys, argv):
    with pytest.raises(SystemExit) as done:
        main(argv)
    out = capsys.readouterr()
    return done.value.code, out.out + out.err


def test_help_in_chinese_from_ui_lang(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, text = _run(capsys, ["--ui-lang", "zh", "pack", "sign", "--help"])
    assert code == 0
    assert text.startswith("用法：assistant pack sign")
    assert "位置参数" in text and "选项" in text and "显示此帮助并退出" in text
    assert "keygen 生成的 .key 文件" in text
    assert not re.search(r"usage|options|show this help|the \.key file", text)


def test_help_follows_the_locale_and_ui_lang_wins(capsys, monkeypatch):
    monkeypatch.delenv("ASSISTANT_UI_LANG", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, zh = _run(capsys, ["sessions", "--help"])
    assert "用法：" in zh and "所有记录，最新的在前" in zh
    _, en = _run(capsys, ["--ui-lang", "en", "sessions", "--help"])
    assert en.startswith("usage: ") and "every session, newest first" in en and "用法" not in en


def test_parse_errors_are_in_the_readers_language(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, text = _run(capsys, ["analyze", "--recogniser", "loud", "call.wav"])
    assert code == 2
    assert "assistant analyze：错误：参数 --recogniser：无效的选择：'loud'" in text
    code, text = _run(capsys, ["--ui-lang", "en", "report"])
    assert code == 2 and "the following arguments are required: --out" in text


def test_argparse_is_left_as_it_was_after_a_chinese_parse(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _run(capsys, ["--help"])
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage: ")
