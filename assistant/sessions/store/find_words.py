"""What a store says when a session id or prefix finds no single session, in the reader's
language; the local store and the central one word it alike."""

from __future__ import annotations

FIND_MESSAGES = {
    "bad_id": {"en": "no session matching {prefix!r} in {where} (a session id looks like "
                     "20261125-143000-a1b2c3)",
               "zh": "{where} 中没有与 {prefix!r} 对应的会话（会话编号形如 20261125-143000-a1b2c3）"},
    "none": {"en": "no session matching {prefix!r} in {where}",
             "zh": "{where} 中没有与 {prefix!r} 对应的会话"},
    "many": {"en": "{n} sessions matching {prefix!r} in {where}",
             "zh": "{where} 中有 {n} 个会话与 {prefix!r} 对应：请多写几位编号"},
}
CENTRAL = {"central": {"en": "the central store {where}", "zh": "中央存储 {where}"}}
