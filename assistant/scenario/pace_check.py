"""Pace accuracy against synthetic speech of known rate: shared by the test and the bench.

Each utterance is spoken by espeak-ng at a chosen rate; its true pace is its syllable
count (characters for Mandarin) over its voiced span, the same definition the estimator
uses. The estimator sees the utterance padded with silence, in 100 ms blocks, exactly as
the pipeline feeds it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.ground.events import SAMPLE_RATE, Channel
from assistant.scenario.scenario_file import DEFAULT_VOICES
from assistant.scenario.synth import speak, spoken_text, syllable_count
from assistant.speech.analyzer import ChannelAnalyzer

SENTENCES = {
    "zh": [
        "您好，我是小王，工号一二三四，很高兴为您服务。请问有什么可以帮您？",
        "好的，请您稍等，我帮您查一下您的订单信息，大概需要一分钟的时间。",
        "您的快递已经到达本市的分拣中心，预计明天上午就可以送到您家。",
        "我想问一下，我上个月的话费为什么比平时多了三十多块钱，我没有开通什么新业务啊。",
        "跟您确认一下，退款会在三个工作日内原路退回到您的银行卡，您看可以吗？",
    ],
    "en": [
        "Good afternoon, this is Anna speaking, agent number four two one, how can I help you today?",
        "Let me check your order for you, it will take about a minute, please hold on.",
        "Your parcel has reached the local depot and should be delivered tomorrow morning.",
    ],
}


@dataclass(frozen=True)
class PaceSample:
    lang: str
    rate: int
    text: str
    true_spm: float
    estimated_spm: float

    @property
    def error(self) -> float:
        return (self.estimated_spm - self.true_spm) / self.true_spm


def measure(lang: str, rate: int, text: str, *, pitch: int = 50, noise_snr_db: float | None = None,
            cache_dir=None, seed: int = 0) -> PaceSample:
    voice = DEFAULT_VOICES[lang]
    audio = speak(spoken_text(text, lang), voice=voice, rate=rate, pitch=pitch, cache_dir=cache_dir)
    true_spm = 60.0 * syllable_count(text, lang) / (len(audio) / SAMPLE_RATE)
    pad = np.zeros(SAMPLE_RATE, dtype=np.float32)
    signal = np.concatenate([pad, audio, pad])
    if noise_snr_db is not None:
        rms = float(np.sqrt(np.mean(np.square(audio))))
        noise = np.random.default_rng(seed).normal(0, rms * 10 ** (-noise_snr_db / 20), len(signal))
        signal = (signal + noise).astype(np.float32)
    analyzer = ChannelAnalyzer(Channel.AGENT)
    block = SAMPLE_RATE // 10
    for start in range(0, len(signal), block):
        analyzer.process(signal[start:start + block], start)
    analyzer.finish(len(signal))
    estimated = analyzer.pace.call_spm
    if estimated is None:  # shorter than the estimator's minimum: compute it all the same
        estimated = 60.0 * analyzer.pace.total_syllables / max(analyzer.pace.total_speaking_s, 1e-9)
    return PaceSample(lang, rate, text, true_spm, float(estimated))


def ratio_errors(samples: list[PaceSample]) -> list[float]:
    """Error of the estimated agent/caller pace ratio over every pair of different rates."""
    out = []
    for a in samples:
        for b in samples:
            if a.lang == b.lang and a.rate > b.rate:
                true = a.true_spm / b.true_spm
                out.append((a.estimated_spm / b.estimated_spm - true) / true)
    return out
