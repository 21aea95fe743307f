"""Every detail a rule can write reads in Chinese on a Chinese scorecard."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import assistant.conduct.rules as rules_pkg
from assistant.conduct.details import detail_text, known


def _literal_details() -> list[str]:
    """The plain-string details passed to ``make_finding`` anywhere in the rules."""
    found = []
    for path in Path(rules_pkg.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "make_finding" \
                    and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                found.append(node.args[1].value)
    return found


def test_the_rules_write_details_and_the_table_knows_every_literal_one():
    details = _literal_details()
    assert len(details) >= 12
    unknown = [d for d in details if d and not known(d)]
    assert unknown == []
    for detail in details:
        assert detail_text(detail, "zh") != detail or not detail


@pytest.mark.parametrize("detail, zh", [
    ("3 time(s)", "3 次"),
    ("late: “您好” after the prompt", "提示后才说 “您好”"),
    ("heard “早上好”, expected “下午好”", "听到 “早上好”，应为 “下午好”"),
    ("heard “早上好” [“早上号” 0:01.1], expected “下午好”",
     "听到 “早上好” [“早上号” 0:01.1]，应为 “下午好”"),
    ("late: “您好” [0:12.0] after the prompt", "提示后才说 “您好” [0:12.0]"),
    ("“感谢您的来电”", "“感谢您的来电”"),
    ("something new", "something new"),
    ("the caller never spoke", "客户没有讲话，无需检查"),
    ("no long caller turn", "客户没有长时间连续讲话，无需检查"),
    ("no hold reached 30 s", "没有超过 30 秒的等待，无需告知回电"),
])
def test_details_with_values_keep_the_values(detail, zh):
    assert detail_text(detail, "zh") == zh


def test_other_languages_read_the_rules_own_words():
    assert detail_text("caller hung up first", "en") == "caller hung up first"
    assert detail_text("caller hung up first", "zh") == "客户先挂机"


def test_english_counts_read_as_words_not_as_time_s():
    assert detail_text("1 time(s)", "en") == "once"
    assert detail_text("3 time(s)", "en") == "3 times"


def test_every_reason_a_rule_resolves_with_reads_in_chinese():
    from assistant.conduct.details import known_resolution, resolution_text

    reasons = []
    for path in Path(rules_pkg.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "resolve" \
                    and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                reasons.append(node.args[1].value)
    assert "agent updated the caller" in reasons
    assert [r for r in reasons if not known_resolution(r)] == []
    assert resolution_text("agent updated the caller", "zh") == "坐席已向客户通报"
    assert resolution_text("heard “您好”", "zh") == "听到 “您好”"
    assert resolution_text("agent updated the caller", "en") == "agent updated the caller"


def test_a_list_of_quoted_evidence_reads_as_a_list_in_each_language():
    detail = "denied: “不是我们的问题” [0:12.0], “这个我们管不了” [0:40.2]"
    assert detail_text(detail, "en") == detail
    zh = detail_text(detail, "zh")
    assert "“不是我们的问题” [0:12.0]、“这个我们管不了” [0:40.2]" in zh
    assert ", " not in zh
