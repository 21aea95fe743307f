"""Where Whisper's CPU goes on the agent's Mandarin, and the floor under it.

    python3 bench/whisper_decoder.py [--calls 'zh_*']

Analyses the natural-voice Mandarin calls (tuning and held-out, clean) the way the app
does, keeps every decode the agent's recogniser asked for (pieces at pauses, finals; the
caller's, which the poor calls also recognise, are left out, as the default pack does), then
runs them again one after the other on one thread and times each stage in CPU seconds:
the log-mel features, the encoder, the decoder's generation, the word alignment, and any
decode in the full 30-s window, on each copy of the model side by side: the Mandarin copy
the app loads for a Mandarin channel (the output projection cut to 7,293 tokens,
:mod:`assistant.speech.whisper_vocab`) and the int8 copy with every token. Then, on one 4-s
piece, what a generated token costs, set beside the time it takes just to read the weights
the decoder reads for each token (its six layers and the output projection: 51,865 rows
in the whole vocabulary, int8), and what a second sequence costs
in the same call (two in a batch, or a beam of two): with one sequence the int8 products
have a single row, and CTranslate2's oneDNN kernels on AVX2 spend about as long on one row
as on several.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant  # noqa: E402,F401  (the app's process settings, made before numpy loads)
import numpy as np  # noqa: E402

SETS = (ROOT / "tests/scenarios/whisper", ROOT / "tests/scenarios/whisper/held-out")
PIECE_S = (5.0, 9.0)
"""The piece of the first call timed token by token (the agent speaking throughout)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", default="zh_*", help="a file-name pattern of the calls")
    args = parser.parse_args()
    from assistant.ground.events import Channel
    from assistant.speech import whisper, whisper_decode
    from assistant.speech.whisper_int8 import copy_path, int8_path
    from assistant.speech.whisper_model import find_whisper
    from tests.integration.whisper_calls import run_whisper

    decodes: list[tuple[object, np.ndarray, str, dict]] = []
    decode, recognise = whisper.decode_segment, whisper.WhisperRecogniser._decode
    channel = threading.local()

    def keep(model, audio, language, **options):
        # the agent's only: the poor calls have the caller's channel recognised too
        if getattr(channel, "now", None) is Channel.AGENT:
            decodes.append((model, np.array(audio), language, options))
        return decode(model, audio, language, **options)

    def recognising(self, *args, **kwargs):
        channel.now = self.channel
        return recognise(self, *args, **kwargs)

    whisper.decode_segment, whisper.WhisperRecogniser._decode = keep, recognising
    model_path, work = find_whisper(), Path(tempfile.mkdtemp())
    calls = [p for folder in SETS for p in sorted(folder.glob(f"{args.calls}.toml"))]
    for path in calls:
        run_whisper(path, work, model_path, conditions="clean")
    whisper.decode_segment, whisper.WhisperRecogniser._decode = decode, recognise
    if not decodes:
        sys.exit(f"no decodes: no calls match {args.calls!r}")
    speech = sum(len(a) for _, a, _, _ in decodes) / 16000
    print(f"Whisper base, int8, {whisper.THREADS or 2} thread(s): {len(calls)} natural Mandarin "
          f"calls, {len(decodes)} decodes of the agent's speech ({speech:.0f} s of audio "
          f"decoded), run again on each copy of the model")
    copies = {"Mandarin copy": (decodes[0][0], copy_path(model_path, "zh")),
              "every token": (whisper.load_whisper(model_path), int8_path(model_path))}
    totals = {}
    for label, (model, loaded) in copies.items():
        stages, tokens = Counter(), Counter()
        restore = _time_stages(model, stages, tokens)
        began = time.process_time()
        for _, audio, language, options in decodes:
            decode(model, audio, language, **options)
        totals[label] = total = time.process_time() - began
        restore()
        print(f"{label} ({loaded.name if loaded else 'official file'}): CPU {total:.2f} s: "
              + ", ".join(f"{name} {s:.2f} s ({100 * s / total:.0f} %)"
                          for name, s in stages.items()))
        counted = "timestamps and end of text" if whisper_decode.TIMESTAMPS else "end of text"
        print(f"  tokens generated in the fitted windows {tokens['generated']} "
              f"({tokens['generated'] / len(decodes):.1f} per decode, {counted} included); "
              f"{tokens['full windows']} decoded (again) in the full 30-s window, "
              f"{stages['full window'] / max(tokens['full windows'], 1):.2f} CPU s each")
        per_token(model, _piece(calls[0], work), loaded or model_path)
    first, second = totals.values()
    print(f"Mandarin copy / every token: {first / second:.2f}× the CPU")


def _time_stages(model, stages: Counter, tokens: Counter):
    """Wrap the model's stages so each call adds its CPU seconds to ``stages`` (and the
    tokens generated to ``tokens``); returns what unwraps them."""
    inner = model.model

    inside: list[str] = []  # the stage running now: a full window's own stages are its

    def timed(name, fn):
        def run(*args, **kwargs):
            if inside:
                return fn(*args, **kwargs)
            inside.append(name)
            began = time.process_time()
            try:
                out = fn(*args, **kwargs)
                if name == "full window":
                    segments, info = out
                    out = (list(segments), info)  # transcribe() decodes lazily
                    tokens["full windows"] += 1
            finally:
                inside.pop()
            stages[name] += time.process_time() - began
            if name == "generate":
                tokens["generated"] += sum(len(r.sequences_ids[0]) for r in out)
            return out
        return run

    class Timed:
        """``wrapped``, with some of its methods (and calling it) timed."""

        def __init__(self, wrapped, **stages):
            self._wrapped = wrapped
            self._call = timed(stages.pop("call"), wrapped) if "call" in stages else wrapped
            for method, stage in stages.items():
                setattr(self, method, timed(stage, getattr(wrapped, method)))

        def __getattr__(self, name):
            return getattr(self._wrapped, name)

        def __call__(self, *args, **kwargs):
            return self._call(*args, **kwargs)

    names = ("feature_extractor", "add_word_timestamps", "transcribe")
    own = {name: model.__dict__[name] for name in names if name in model.__dict__}
    model.model = Timed(inner, encode="encode", generate="generate")
    model.feature_extractor = Timed(model.feature_extractor, call="features")
    model.add_word_timestamps = timed("align", model.add_word_timestamps)
    model.transcribe = timed("full window", model.transcribe)

    def restore() -> None:
        model.model = inner
        for name in names:
            if name in own:
                setattr(model, name, own[name])
            else:
                delattr(model, name)  # the class's method again
    return restore


def _piece(call_path: Path, work: Path) -> np.ndarray:
    import soundfile as sf

    wav = next(work.glob(f"{call_path.stem}*.wav"), None)
    if wav is None:
        sys.exit(f"the analysed call's audio is not in {work}")
    audio, rate = sf.read(wav, dtype="float32", always_2d=True)
    return audio[round(PIECE_S[0] * rate): round(PIECE_S[1] * rate), 0]


def per_token(model, piece: np.ndarray, loaded: Path) -> None:
    """A generated token's cost on one piece, beside the floor of reading its weights (those
    of the model file at ``loaded``), decoded as the app decodes a fitted window."""
    import ctranslate2
    from faster_whisper.tokenizer import Tokenizer

    from assistant.speech.whisper_decode import TIMESTAMPS, window_frames

    inner = model.model
    features = model.feature_extractor(piece)
    content = features.shape[-1] - 1
    mel = np.zeros((1, features.shape[0], window_frames(content, "fit")), np.float32)
    mel[0, :, :content] = features[:, :content]
    encoded = inner.encode(ctranslate2.StorageView.from_array(mel), to_cpu=False)
    tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language="zh")
    prompt = model.get_prompt(tokenizer, [], without_timestamps=not TIMESTAMPS)

    def cost(features, prompts, tokens, beam=1, repeat=5):
        began = time.process_time()
        for _ in range(repeat):
            out = inner.generate(features, prompts, beam_size=beam,
                                 max_length=len(prompt) + tokens)
        return (time.process_time() - began) / repeat, len(out[0].sequences_ids[0])

    one, _ = cost(encoded, [prompt], 1)
    many, n = cost(encoded, [prompt], 40)
    ms = 1000 * (many - one) / max(n - 1, 1)
    weights = _per_token_weights(loaded)
    floor = _read_ms(weights)
    print(f"  one 4-s piece: a decode of {n} tokens {many:.3f} CPU s, of 1 token {one:.3f} s: "
          f"{ms:.1f} ms per token")
    print(f"  the floor: reading the {weights / 1e6:.1f} MB of int8 weights the decoder reads "
          f"for each token takes {floor:.1f} ms here; a token costs {ms / floor:.1f}× that")
    pair = ctranslate2.StorageView.from_array(np.concatenate([mel, mel]))
    two, _ = cost(inner.encode(pair, to_cpu=False), [prompt, prompt], 40)
    beam, _ = cost(encoded, [prompt], 40, beam=2)
    print(f"  the same decode with two sequences: in a batch {two:.3f} s ({two / many:.2f}×), "
          f"a beam of two {beam:.3f} s ({beam / many:.2f}×)")


def _per_token_weights(loaded: Path) -> int:
    """Bytes of the int8 weights each generated token reads: the decoder layers' self
    attention, cross-attention query and output, feed-forward, and the output projection
    (the cross-attention's keys and values, ``attention/linear_1``, are computed once per
    decode)."""
    from assistant.speech.whisper_int8 import read_model

    with (loaded / "model.bin").open("rb") as f:
        _, _, variables, _ = read_model(f)
    return sum(v.nbytes for key, v in variables.items() if key.startswith("decoder/")
               and v.dtype == np.int8 and "/attention/linear_1/" not in key)


def _read_ms(size: int) -> float:
    data = np.ones(size // 8, np.int64)
    np.bitwise_or.reduce(data)
    began = time.perf_counter()
    for _ in range(10):
        np.bitwise_or.reduce(data)
    return 1000 * (time.perf_counter() - began) / 10


if __name__ == "__main__":
    main()
