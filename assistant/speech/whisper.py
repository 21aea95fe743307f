"""Whisper (faster-whisper / CTranslate2, int8 on CPU): one model, zh and en, per speech segment.

Whisper decodes whole utterances, not a stream. The recogniser keeps the channel's recent
audio; when the channel's VAD ends a speech segment it hands that segment (with a little
audio either side) to one decoding worker shared by every channel, and the pipeline goes on.

When the words come back is a fact of audio time, not of the machine: a segment whose
speech ended (the VAD's ``SpeechEnd`` reached the pipeline) at block boundary ``E`` is
delivered at the first block boundary at or after ``E + DELIVERY_S``. File analysis waits
for the worker there if it is not done yet, so a file gives the same words at the same
times on any machine, and the same as a live run whose worker kept up. A live run never
waits: a result that is late is delivered with the first block after it is done, and
counted (``late``), which the benchmark reports.

A channel in the fitted window (the agent's Mandarin) does not wait for the VAD's end: at
each pause inside the open segment (:mod:`assistant.speech.whisper_pieces`, 0.15 s of quiet)
the piece since the last pause is decoded, with the sentence's earlier pieces as Whisper's
previous text, and the words so far delivered ``PREVIEW_DELIVERY_S`` later as a partial
transcript (``final=False``: phrases match on it, the transcript shown is the final one).
Each stretch of audio is decoded once (decoding the segment so far at each pause cost
twice the CPU); a sentence's first piece shorter than ``JOIN_SHORT_S``, or a later one
shorter than ``PIECE_ALONE_S``, is decoded again with the next one. Which audio a piece is,
and what context it has, the worker decides from the sentence's pieces kept so far, in the
order they were cut: the same on every machine.
When the VAD then ends the segment with nothing said after that pause, that decode is the
final one (a short sentence, whose partial has gone out while it waited ``JOIN_WAIT_S`` to
be joined, gets the same words again as its final, not a second decode); otherwise the
whole segment is decoded at the VAD's end as before. A phrase is
prompted ≈ 0.15 + 0.1 + ``PREVIEW_DELIVERY_S`` s after its words, wherever it falls in the
sentence, as long as a pause follows it.
In the 30-s window (English; the caller) the final decode is the whole segment's: 0.5 s of
VAD end lag plus ``DELIVERY_S`` for a phrase that ends its segment. On the agent's channel
its pieces are decoded at their pauses too, in the fitted window, for partials only
(:data:`PARTIALS_IN_FULL_WINDOW`), so a phrase earlier in a long sentence does not wait for
the sentence to end; the caller's phrases do.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from assistant.ground.events import SAMPLE_RATE, Channel, SpeechEnd, SpeechStart, Transcript, Word
from assistant.speech import whisper_decode
from assistant.speech.whisper_pieces import PauseCutter
from assistant.speech.whisper_decode import (
    NO_SPEECH_PROB,
    Window,
    decode_segment,
    release_memory,
)

DELIVERY_S = 0.8
"""Audio time from a segment's end (as the pipeline sees it) to its words: with the VAD's
0.5 s end lag and a 0.1 s block, a phrase that ends the segment is prompted 1.3–1.4 s after
its words, inside the engine's 1.5 s window for live prompts."""
PREVIEW_DELIVERY_S = 0.3
"""The same for a decode at a pause inside a segment: a piece, in the fitted window, takes
0.14 s of wall time (p95 0.27) on a 2-core Ice Lake desktop, ≈ 0.3 s on an AMD EPYC; a
phrase before the pause is prompted ≈ 0.15 (the pause) + 0.1 (a block) + 0.3 s after its
words. Live, a decode that takes longer is delivered when it is done (``stats.late``); at
0.5 s the words waited on a decode long finished (phrase latency p50 0.80 s, 0.61 at 0.3)."""
LEAD_S = 0.6
"""Audio kept before the VAD's onset and after its last voiced frame (the own-voice onset
waits for a syllable at the agent's level: with 0.3 s "I'm sorry" was heard as "Hurry")."""
PIECE_LEAD_S = 0.15
"""Audio kept before a piece that begins at a pause (the pause is ≥ 0.15 s of quiet)."""
MAX_SEGMENT_S = 25.0
"""A longer segment is decoded in pieces (Whisper's window is 30 s)."""
KEEP_S = MAX_SEGMENT_S + 2.0
JOIN_SHORT_S = 2.0
"""A fitted-window segment shorter than this is not decoded alone when the speaker goes on
within ``JOIN_WAIT_S``: it is decoded with what follows. Alone, Whisper mishears a short
clause (a 1-s 下午好 cut at its comma heard as 教我好 on one CPU, right on another)."""
JOIN_WAIT_S = 0.5
"""Audio time a short segment waits after the VAD's end (itself 0.5 s after the last voiced
frame): a pause under 1 s joins, as in the pace's utterances."""
PIECE_ALONE_S = 1.0
"""A later piece of a sentence this long stands alone (its sentence so far is its context);
a sentence's first piece needs ``JOIN_SHORT_S``. Keeping a first piece at ``PIECE_ALONE_S``
whenever Whisper was sure of it (mean log-probability −0.8 or more) was measured: the
natural calls' decoding CPU was no lower, and held-out telephone recall fell from .88 to .75.
A short first piece is 40–50 % of the natural calls' decodes (8 of 20, 10 of 19), each
decoded again with the next piece; measured on an AMD EPYC (``bench/whisper_phrases.py``,
Mandarin, clean, telephone, babble 20 dB), neither alternative pays: not decoding it at all
saved 18–23 % of the decoding CPU but half the phrases are in such pieces (a greeting, 好的,
明白), and the phrase latency went p50 0.6 → 1.2–2.0 s, p95 1.1–2.6 → 2.8–3.2 s; decoding it
in a 15-s window (a lone 下午好 is heard right there, 降五号 at 4 s, nothing at 6–10 s)
cost 20–45 % more decoding CPU for one more tuning hit and a lower held-out p95 (2.6 → 2.2 s
telephone)."""
MIN_SPEECH_S = 0.25
"""Shorter segments (a click, a breath) are not decoded."""
WORD_FLOOR_DB = 12.0
"""A word whose loudest frame is this much below the speaker's voice is someone else in the
room (a neighbour heard through a pause, or a segment of babble alone)."""
SEGMENT_FLOOR_DB = 7.5
"""A whole segment this much below the speaker's voice is someone else: on the tuning calls
with babble 10 dB down, the agent's quietest segment was 5.6 dB below its loudest and
babble taken for speech 9.4 dB and more (bench/whisper_phrases.py measures held-out ones)."""
VOICE_MEMORY_S = 120.0
"""The speaker's voice level is the loudest segment's of this much call time."""
CALLER_WINDOW: Window = "full"
"""The caller's segments keep Whisper's 30-s window (the agent's are encoded at their own
length, see :mod:`assistant.speech.whisper_decode`): a window fitted to the segment heard a
raised voice's 太过分了 as 泰国愤林 on the heated tuning call, up to a 25-s one."""
AGENT_WINDOWS: dict[str, Window] = {"zh": "fit"}
"""The agent's window where the fitted one keeps the test calls' verdicts: Mandarin (natural
voice, tuning and held-out calls). English keeps the 30-s window: a fitted one (any window
under 25 s) hears espeak's "may I put you on hold" as "…unfold"."""
PREVIEW_AT_PAUSES = True
"""A fitted-window channel also decodes its open segment at each pause in it (see
:mod:`assistant.speech.whisper_pieces`): the words so far come as a partial transcript, and
when the pause turns out to be the segment's end that decode is the final one."""
PARTIALS_IN_FULL_WINDOW = True
"""The agent's channel in the 30-s window (English) decodes its open segment at its pauses
too, in the fitted window, for partials only: a phrase is prompted ≈ 0.8 s after the pause
that follows it rather than when the sentence ends (on the English test calls the phrase
latency's median was 2.8 s), while the transcript, and every final decode, stay the 30-s
window's (the fitted one hears "put you on hold" as "unfold"; a phrase a partial missed is
still found in the final). Costs the pieces' fitted decodes, ≈ 0.1 CPU s each."""
Bias = Literal["off", "hotwords", "prompt"]

THREADS: int | None = 1
"""CTranslate2's threads for decoding (None: as many as there are cores, at most 2). One: on
a busy 2-core machine (load 6–8) two threads cost as much CPU, and came late 26 times in a
90-s call against 10 (``bench/overlay_live.py --compare 2-threads,1-thread``); the other
core stays free for capture, the pipeline and the softphone."""
PRIMITIVE_CACHE = "0"
"""oneDNN's cache of compiled kernels, one per matrix shape (CTranslate2's GEMMs on a CPU
without Intel MKL): every segment length makes new shapes, and the cache held ≈ 30 MB more
after 60 segments, for no CPU saved (``bench/overlay_live.py``). Off unless the user's
``ONEDNN_PRIMITIVE_CACHE_CAPACITY`` says otherwise."""
_models: dict[tuple[str, int], object] = {}
_models_lock = threading.Lock()


def load_whisper(path: Path | str, language: str | None = None,
                 threads: int | None = None) -> Any:  # faster_whisper.WhisperModel
    """The model at ``path``, loaded once per process (every channel and call shares it);
    from its int8 copy when there is one, for ``language`` zh its Mandarin copy
    (:mod:`assistant.speech.whisper_int8`)."""
    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", PRIMITIVE_CACHE)  # before its first GEMM
    from faster_whisper import WhisperModel

    from assistant.speech.vosk_model import ModelError
    from assistant.speech.whisper_int8 import copy_path

    path = copy_path(Path(path), language) or path

    threads = threads or THREADS or min(2, os.cpu_count() or 1)
    key = (str(Path(path).resolve()), threads)
    with _models_lock:
        if key not in _models:
            try:
                _models[key] = WhisperModel(str(path), device="cpu", compute_type="int8",
                                            cpu_threads=threads, num_workers=1)
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(f"faster-whisper cannot load the model at {path} ({exc}); "
                                 f"check it with `assistant models verify whisper-base`") \
                    from None
            release_memory()  # the file's float16 weights, now int8
        return _models[key]


_executor: ThreadPoolExecutor | None = None


def _worker() -> ThreadPoolExecutor:
    """One decoding thread for the process: two channels never decode at once."""
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="whisper")
    return _executor


@dataclass
class _Job:
    deadline: int  # sample index
    future: Future[list[Word] | None]
    start: int = 0
    overdue: bool = False
    final: bool = True
    cut: int | None = None
    """A decode of the open segment up to this sample, at a pause in it."""
    delivered: bool = False
    redo: tuple[np.ndarray, int, float] | None = None
    """What to decode again, with the full window allowed, when this one turns out final
    but unsure (a preview does not spend a full-window decode on a partial)."""


@dataclass
class _Sentence:
    """An open segment's pieces decoded so far, in order. Only the one worker reads and
    writes it, in the order the pieces were cut, so what it holds is a fact of audio time."""

    start: int
    """The segment's first sample."""
    words: list[Word] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)
    until: int | None = None
    """Where its kept pieces end (the cut after the last), or None: nothing kept yet, and
    the next piece is the sentence so far, decoded whole with no context."""

    def forget(self) -> None:
        """A piece was unsure: the next starts the sentence again (its earlier words would
        be context for a misheard one), and a final that is still unsure is decoded again
        whole, full window allowed."""
        self.words, self.tokens, self.until = [], [], None


@dataclass(frozen=True)
class _Piece:
    """A preview's piece of its sentence: the audio from where the sentence's kept pieces
    end to ``cut``, decoded with them as context. ``whole`` (the segment so far, and its
    first sample) judges whose voice it is, and is the piece while nothing is kept."""

    sentence: _Sentence
    whole: tuple[np.ndarray, int]
    cut: int

    def audio(self) -> tuple[np.ndarray, int]:
        audio, origin = self.whole
        if self.sentence.until is None:
            return self.whole
        first = max(origin, self.sentence.until - round(PIECE_LEAD_S * SAMPLE_RATE))
        return audio[first - origin:], first

    def kept(self) -> bool:
        """Its words stay in the sentence (the next piece starts at its cut): a later piece
        at ``PIECE_ALONE_S``, the sentence's first at ``JOIN_SHORT_S``. A shorter piece is
        decoded again with the next."""
        sentence = self.sentence
        if sentence.until is None:
            return self.cut - sentence.start >= JOIN_SHORT_S * SAMPLE_RATE
        return self.cut - sentence.until >= PIECE_ALONE_S * SAMPLE_RATE


@dataclass
class DecodeStats:
    segments: int = 0
    late: int = 0
    decode_s: list[float] = field(default_factory=list)
    decode_wall_s: list[float] = field(default_factory=list)
    full_window: int = 0
    """Segments decoded (again) in Whisper's full 30-s window."""
    unsure: int = 0
    """Previews given up as unsure (a final one is decoded again, full window allowed)."""
    previews: int = 0
    """Decodes of an open segment at a pause in it (partials, or final when it ended there)."""


class WhisperRecogniser:
    """Words for one channel from the segments its VAD marks; see the module docstring."""

    skips_silence = False  # it sees every block and picks the speech itself
    decodes_segments = True
    grammar = False

    def __init__(self, model: Any, channel: Channel, language: str, *, bias: Bias = "off",
                 phrases: tuple[str, ...] = (), wait: bool = True,
                 window: Window | None = None, previews: bool | None = None) -> None:
        self.model = model
        self.channel = channel
        self.language = language
        self.wait = wait
        self.window: Window = window or (
            AGENT_WINDOWS.get(language, whisper_decode.DEFAULT_WINDOW)
            if channel is Channel.AGENT else CALLER_WINDOW)
        self.stats = DecodeStats()
        self._bias = _bias_options(bias, phrases, language)
        self._audio: deque[tuple[int, np.ndarray]] = deque()
        self._kept = 0
        self._segment_start: int | None = None
        self._jobs: list[_Job] = []
        self._levels: deque[tuple[int, float]] = deque()  # (segment end, its voice level)
        if previews is None:
            previews = PREVIEW_AT_PAUSES and (self.window == "fit" or (
                PARTIALS_IN_FULL_WINDOW and channel is Channel.AGENT))
        self.previews = previews
        """Decode the open segment at its pauses (see :data:`PREVIEW_AT_PAUSES`), in the
        fitted window whatever the channel's."""
        self._final_previews = previews and self.window == "fit"
        """A decode at the pause a segment ended in is its final one, and a short segment
        waits to be joined to what follows (the fitted window's); in the 30-s window the
        segment is decoded whole when it ends, as without previews."""
        self._cutter = PauseCutter()
        self._preview: _Job | None = None
        self._sentence = _Sentence(0)
        self._held: tuple[int, int, int] | None = None
        """A short segment waiting to be joined: (start, last voiced sample, until)."""

    # --- fed by the analyser ----------------------------------------------------------

    def segment_block(self, samples: np.ndarray, start: int,
                      speech: Sequence[SpeechStart | SpeechEnd]) -> list[Transcript]:
        """One block with the VAD's events in it; words whose time has come."""
        self._keep(np.asarray(samples, dtype=np.float32), start)
        end = start + len(samples)
        for event in speech:
            if isinstance(event, SpeechStart):
                if self._held is not None:  # the speaker went on: one segment
                    self._segment_start = self._held[0]
                    self._held = None
                    continue
                self._segment_start = round(event.t * SAMPLE_RATE)
                self._open_sentence(self._segment_start)
            elif self._segment_start is not None:
                last = round(event.t * SAMPLE_RATE)
                if self._final_previews \
                        and last - self._segment_start < JOIN_SHORT_S * SAMPLE_RATE:
                    self._held = (self._segment_start, last,
                                  end + round(JOIN_WAIT_S * SAMPLE_RATE))
                elif not self._ended_at_pause(last):
                    self._submit(self._segment_start, last, end)
                self._segment_start = None
        if self._held is not None and end >= self._held[2]:
            self._release_held(end)
        if self._segment_start is not None and self.previews:
            audio, origin = self._clip(self._cutter.scanned, end)
            remembered = max((level for _, level in self._levels), default=None)
            for cut in self._cutter.feed(audio, origin, remembered):
                self._submit(self._segment_start, cut, end, after=False, cut=cut)
        if self._segment_start is not None and end - self._segment_start > MAX_SEGMENT_S * SAMPLE_RATE:
            self._submit(self._segment_start, end, end, lead=False)
            self._segment_start = end
            self._open_sentence(end)
        return self._deliver(end)

    def _open_sentence(self, start: int) -> None:
        self._cutter.open(start)
        self._preview = None
        self._sentence = _Sentence(start)

    def _release_held(self, now: int) -> None:
        """The held short segment was not joined: decode it alone (unless its last preview,
        cut at the pause it ended in, is already its final decode)."""
        assert self._held is not None
        first, last, _ = self._held
        self._held = None
        if not self._ended_at_pause(last):
            self._submit(first, last, now)

    def _ended_at_pause(self, last: int) -> bool:
        """The segment's speech ended (at sample ``last``) before the pause its latest preview
        was cut at, and nothing was said since: that decode is the segment's final one. If
        its words already went out as a partial (a short segment held for ``JOIN_WAIT_S``),
        they go out again now as the final, not decoded again."""
        preview = self._preview
        if not self._final_previews or preview is None or preview.cut is None \
                or last > preview.cut or self._cutter.has_speech():
            return False
        if preview.delivered:
            self._jobs.append(_Job(0, preview.future, preview.start, redo=preview.redo))
        preview.final = True
        self.stats.segments += 1
        return True

    def accept(self, samples: np.ndarray, start: int) -> list[Transcript]:
        """Without VAD events (a caller that does not segment): keep audio, deliver."""
        return self.segment_block(samples, start, [])

    def finish(self, end: int) -> list[Transcript]:
        """End of the stream: decode what is open, then wait for every result."""
        if self._held is not None:
            self._release_held(end)
        if self._segment_start is not None:
            self._submit(self._segment_start, end, end)
            self._segment_start = None
        out = []
        for job in self._jobs:
            job.delivered = True
            words = job.future.result()
            if words is None and job.final and job.redo is not None:
                words = self._again(job.redo, end).future.result()
            out += self._transcripts(words or [], max(end, job.start), job.final)
        self._jobs.clear()
        return out

    # --- segments to the worker and back ------------------------------------------------

    def _keep(self, samples: np.ndarray, start: int) -> None:
        self._audio.append((start, samples))
        self._kept += len(samples)
        while self._kept - len(self._audio[0][1]) > KEEP_S * SAMPLE_RATE:
            self._kept -= len(self._audio.popleft()[1])

    def _clip(self, first: int, last: int) -> tuple[np.ndarray, int]:
        pieces = [(s, a) for s, a in self._audio if s + len(a) > first and s < last]
        if not pieces:
            return np.zeros(0, np.float32), first
        origin = max(first, pieces[0][0])
        audio = np.concatenate([a for _, a in pieces])
        offset = origin - pieces[0][0]
        return audio[offset: offset + (last - origin)], origin

    def _submit(self, first: int, last: int, now: int, lead: bool = True, after: bool = True,
                cut: int | None = None) -> None:
        """Decode [first, last) with ``LEAD_S`` either side (none after a preview's cut,
        which is already in the pause); a ``cut`` preview is a partial until it turns out
        to be final."""
        if last - first < MIN_SPEECH_S * SAMPLE_RATE:
            return
        pad = round(LEAD_S * SAMPLE_RATE) if lead else 0
        audio, origin = self._clip(first - pad, min(last + pad * after, now))
        self.stats.segments += cut is None
        self.stats.previews += cut is not None
        level = self._voice_level(audio, last)
        # a cut's audio is the sentence so far: the worker takes its piece from it
        piece = _Piece(self._sentence, (audio, origin), cut) if cut is not None else None
        future = _worker().submit(self._decode, audio, origin, level, cut is None, piece)
        delay = DELIVERY_S if cut is None else PREVIEW_DELIVERY_S
        job = _Job(now + round(delay * SAMPLE_RATE), future, now, final=cut is None,
                   cut=cut, redo=(*piece.whole, level) if piece is not None else None)
        self._jobs.append(job)
        if cut is not None:
            self._preview = job

    def _voice_level(self, audio: np.ndarray, end: int) -> float:
        """The speaker's voice (dB): the loudest segment of the last ``VOICE_MEMORY_S``, this
        one included. Kept here, in segment order, so it does not depend on the worker."""
        self._levels.append((end, voice_level(audio)))
        while self._levels[0][0] < end - VOICE_MEMORY_S * SAMPLE_RATE:
            self._levels.popleft()
        return max(level for _, level in self._levels)

    def _deliver(self, now: int) -> list[Transcript]:
        out: list[Transcript] = []
        waiting: list[_Job] = []
        for job in self._jobs:
            if job.deadline <= now and (self.wait or job.future.done()):
                self.stats.late += job.overdue  # live, and the worker did not keep up
                job.delivered = True
                words = job.future.result()
                if words is None and job.final and job.redo is not None:
                    waiting.append(self._again(job.redo, now))
                out += self._transcripts(words or [], now, job.final)
            else:
                job.overdue = job.deadline <= now
                waiting.append(job)
        self._jobs = waiting
        return out

    def _again(self, redo: tuple[np.ndarray, int, float], now: int) -> _Job:
        """The final decode of a segment whose last preview was unsure, full window allowed."""
        future = _worker().submit(self._decode, *redo, True)
        return _Job(now + round(DELIVERY_S * SAMPLE_RATE), future, now)

    def _transcripts(self, words: list[Word], t_samples: int,
                     final: bool = True) -> list[Transcript]:
        if not words:
            return []
        text = _join(words, self.language)
        return [Transcript(self.channel, round(t_samples / SAMPLE_RATE, 3), text,
                           tuple(words), final=final, grammar=False)]

    def _decode(self, audio: np.ndarray, origin: int, voice_db: float,
                fallback: bool, piece: _Piece | None = None) -> list[Word] | None:
        """Words of a segment, or of an open one so far from its next ``piece``; None when
        unsure and ``fallback`` is off."""
        import time

        began, wall = time.process_time(), time.perf_counter()
        sentence = piece.sentence if piece is not None else None
        if piece is not None:
            audio, origin = piece.audio()
        context = tuple(sentence.tokens) if sentence is not None else ()
        window: Window = "fit" if piece is not None else self.window
        heard = decode_segment(self.model, audio, self.language, window=window,
                               fallback=fallback, context=context, **self._bias)
        self.stats.full_window += heard.full_window
        words: list[Word] = []
        if not (heard.no_speech_prob > NO_SPEECH_PROB and heard.avg_logprob < -1.0):
            at = origin / SAMPLE_RATE
            words = [Word(w.text.strip(), round(at + w.start, 3), round(at + w.end, 3),
                          round(w.probability, 3)) for w in heard.words if w.text.strip()]
        release_memory()
        self.stats.decode_s.append(time.process_time() - began)
        self.stats.decode_wall_s.append(time.perf_counter() - wall)
        if heard.unsure:
            self.stats.unsure += 1
            if sentence is not None:
                sentence.forget()
            return None
        if piece is None:
            return own_voice_words(words, audio, origin, voice_db)
        assert sentence is not None
        words = sentence.words + own_voice_words(words, *piece.whole, voice_db)
        if piece.kept():
            sentence.words, sentence.tokens = words, sentence.tokens + list(heard.tokens)
            sentence.until = piece.cut
        return words


def _frame_db(audio: np.ndarray) -> np.ndarray:
    frames = audio[: len(audio) // 160 * 160].reshape(-1, 160)
    return 10 * np.log10(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-12)


def voice_level(audio: np.ndarray) -> float:
    """A segment's voice level: its 90th-percentile 10 ms frame (dB)."""
    return float(np.percentile(_frame_db(audio), 90)) if len(audio) >= 160 else -120.0


def own_voice_words(words: list[Word], audio: np.ndarray, origin: int,
                    voice_db: float | None = None) -> list[Word]:
    """Drop words much quieter than the speaker's voice (``voice_db``, else this segment's
    loud frames): a neighbour heard through a pause in the agent's sentence, or a stretch
    of babble the VAD took for speech, not the agent."""
    if not words or len(audio) < 160:
        return words
    db = _frame_db(audio)
    own = voice_level(audio)
    loud = max(own, voice_db if voice_db is not None else -120.0)
    if own < loud - SEGMENT_FLOOR_DB:
        return []
    kept = []
    for w in words:
        a = max(0, int((w.t0 * SAMPLE_RATE - origin) // 160))
        b = min(len(db), max(a + 1, int((w.t1 * SAMPLE_RATE - origin) // 160)))
        if a < len(db) and float(np.max(db[a:b])) >= loud - WORD_FLOOR_DB:
            kept.append(w)
    return kept


def _join(words: list[Word], language: str) -> str:
    if language in ("zh", "ja"):
        return "".join(w.text for w in words)
    return " ".join(w.text for w in words)


def _bias_options(bias: Bias, phrases: tuple[str, ...], language: str) -> dict[str, str]:
    if bias == "off" or not phrases:
        return {}
    sep = "，" if language == "zh" else ", "
    text = sep.join(dict.fromkeys(phrases))
    if bias == "hotwords":
        return {"hotwords": text}
    return {"initial_prompt": text + ("。" if language == "zh" else ".")}
