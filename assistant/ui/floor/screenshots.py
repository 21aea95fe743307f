"""Screenshots of the live floor window for the docs: a floor of 40 agents in four teams.

    python3 -m assistant.ui.floor.screenshots docs/screenshots

Runs on whatever Qt platform is set (Xvfb for pictures as a desktop shows them). The
floor goes through the service's own hub (reports in, the supervisors' snapshot out), with
prompts worded by the default packs, as the agents' apps would send them.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from assistant.conduct.pack import default_pack_path, load_pack
from assistant.conduct.placeholders import render
from assistant.floor.board import FloorBoard
from assistant.floor.hub import LiveHub
from assistant.floor.livestate import Activity, AgentReport, LivePrompt
from assistant.ui.floor.run import long_hold_s

NAMES = {
    "zh": ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴霞", "徐丽", "孙浩", "马超", "朱婷", "胡斌", "郭琳", "何勇", "林晓", "高翔", "罗丹", "郑凯", "梁爽", "谢娟", "宋涛", "唐悦", "许强", "韩雪", "冯刚", "邓洁", "曹阳", "彭飞", "曾兰", "萧然", "田野", "董琪", "潘宇", "袁媛", "蒋鹏", "蔡文", "余欢"],
    "en": ["Amy", "Ben", "Chloe", "Dan", "Ella", "Finn", "Grace", "Hugo", "Isla", "Jack", "Kate", "Liam", "Mia", "Noah", "Olive", "Paul", "Quinn", "Ruby", "Sam", "Tara", "Umar", "Vera", "Will", "Xena", "Yara", "Zack", "Alice", "Bruno", "Cara", "Dev", "Erin", "Felix", "Gina", "Hal", "Ivy", "Joel", "Kira", "Leo", "Maya", "Nico"],
}
TEAMS = {"zh": ["一组 账务", "二组 投诉", "三组 宽带", "四组 外呼"],
         "en": ["Billing", "Complaints", "Broadband", "Outbound"]}
PROMPTS: list[tuple[str, dict[str, object]]] = [("hold_update", {"waited": 47}), ("closing_recap", {}),
           ("pace_drift", {"direction": "", "agent": 292, "caller": 221}),
           ("overtalk", {}), ("self_intro", {"intro": ""}), ("backchannel", {"talked": 38}),
           ("hold_callback", {})]


def floor(lang: str, seed: int = 7) -> FloorBoard:
    """A mid-morning floor: most on calls, a few holds (two past the limit), prompts up."""
    rng = random.Random(seed)
    pack = load_pack(default_pack_path(lang))
    words = {"zh": {"direction": "偏快", "intro": "“我是{id}号客服{name}”"},
             "en": {"direction": "too fast", "intro": "“this is {name}, agent {id}”"}}[lang]
    clock = [0.0]
    hub = LiveHub(clock=lambda: clock[0])
    holds = {3: 52.0, 11: 44.0, 17: 21.0, 26: 9.0, 33: 31.0}
    prompts = {3: 0, 8: 1, 11: 0, 14: 2, 21: 3, 29: 4, 33: 6, 36: 5}
    for n, name in enumerate(NAMES[lang]):
        team = TEAMS[lang][n % 4]
        activity = Activity.HOLD if n in holds else (
            Activity.OFFLINE if n in (19, 38) else
            Activity.IDLE if n % 7 == 5 else Activity.CALL)
        prompt = None
        if n in prompts and activity in (Activity.CALL, Activity.HOLD):
            rule, fields = PROMPTS[prompts[n]]
            settings = pack.rule(rule)
            fields = {**fields, **{k: words[k] for k in fields if k in words}}
            if rule == "self_intro":
                fields["intro"] = words["intro"].format(name=name, id=1001 + n)
            if rule == "hold_update":
                fields["waited"] = holds.get(n, 47)
            prompt = LivePrompt(rule=rule, clause=settings.clause,
                                text=render(settings.text, **fields))
        live = activity in (Activity.CALL, Activity.HOLD)
        hub.report(f"{1001 + n}", AgentReport(
            activity=activity, prompt=prompt,
            call_s=rng.uniform(40, 600) + holds.get(n, 0) if live else None,
            hold_s=holds.get(n), idle_s=rng.uniform(5, 200) if activity is Activity.IDLE
            else None, last_session=f"{rng.getrandbits(64):016x}"
            if n % 9 != 4 else None, seq=1), name=name, team=team)
    board = FloorBoard(long_hold_s=long_hold_s(lang))
    board.problem = ""
    board.apply(hub.snapshot(), True, time.monotonic())
    return board


def shots(out: Path) -> list[Path]:
    from assistant.ui.floor.window import FloorWindow
    from assistant.ui.qapp import application
    from assistant.ui.render import render_png

    app = application()
    made = []
    for lang in ("zh", "en"):
        window = FloorWindow(floor(lang), server="https://floor.example.cn:8443", lang=lang)
        window.resize(1360, 980)
        window.show()
        window.select(window.table.rows[2].agent_id)
        app.processEvents()
        made.append(render_png(window, out / f"floor-live-{lang}.png", backdrop=False))
        if lang == "zh":
            window.set_team(TEAMS["zh"][1])
            window.resize(1360, 480)
            app.processEvents()
            made.append(render_png(window, out / "floor-live-team-zh.png", backdrop=False))
        window.close()
    return made


if __name__ == "__main__":
    for path in shots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(f"wrote {path}")
