"""Recorded calls as a source: channels, rates, formats, and every kind of bad file."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from assistant.audio.block import BLOCK_SAMPLES
from assistant.audio.file import AudioFileError, open_call_file
from assistant.ground.events import SAMPLE_RATE


def tone(freq: float, seconds: float, rate: int, amp: float = 0.5) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def write(path: Path, channels: list[np.ndarray], rate: int, **kw) -> Path:
    sf.write(path, np.stack(channels, axis=1), rate, **kw)
    return path


def joined(call, side: str = "agent") -> np.ndarray:
    return np.concatenate([getattr(b, side) for b in call.blocks()])


def peak_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / SAMPLE_RATE)[np.argmax(spectrum)])


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


# --- channels ---------------------------------------------------------------------------


def test_stereo_has_caller_and_mono_is_agent_only(tmp_path):
    stereo = open_call_file(write(tmp_path / "s.wav", [tone(300, 1, 16000)] * 2, 16000))
    mono = open_call_file(write(tmp_path / "m.wav", [tone(300, 1, 16000)], 16000))
    assert (stereo.has_caller, stereo.channels) == (True, 2)
    assert (mono.has_caller, mono.channels) == (False, 1)
    assert all(b.caller is None for b in mono.blocks())
    assert all(b.caller is not None and len(b.caller) == len(b.agent) for b in stereo.blocks())


@pytest.mark.parametrize("agent_channel, loud, quiet", [("left", "agent", "caller"),
                                                        ("right", "caller", "agent")])
def test_agent_channel_picks_the_side(tmp_path, agent_channel, loud, quiet):
    silence = np.zeros(16000, np.float32)
    path = write(tmp_path / "left_only.wav", [tone(440, 1, 16000), silence], 16000)
    call = open_call_file(path, agent_channel=agent_channel)
    assert rms(joined(call, loud)) > 0.3
    assert rms(joined(call, quiet)) < 1e-4


def test_mono_ignores_agent_channel(tmp_path):
    path = write(tmp_path / "m.wav", [tone(440, 1, 16000)], 16000)
    call = open_call_file(path, agent_channel="right")
    assert rms(joined(call)) > 0.3


def test_agent_channel_must_be_left_or_right(tmp_path):
    path = write(tmp_path / "m.wav", [tone(440, 1, 16000)], 16000)
    with pytest.raises(ValueError, match="left"):
        open_call_file(path, agent_channel="centre")  # type: ignore[arg-type]


# --- rates and formats ------------------------------------------------------------------


@pytest.mark.parametrize("rate", [8000, 16000, 22050, 44100, 48000])
def test_any_rate_is_resampled_to_16k_keeping_duration_and_pitch(tmp_path, rate):
    seconds = 2.5
    path = write(tmp_path / f"r{rate}.wav", [tone(1000, seconds, rate), tone(350, seconds, rate)],
                 rate, subtype="PCM_16")
    call = open_call_file(path)
    assert call.sample_rate == rate
    assert call.duration_s == pytest.approx(seconds)
    agent, caller = joined(call, "agent"), joined(call, "caller")
    assert len(agent) == len(caller) == round(seconds * SAMPLE_RATE)
    assert peak_hz(agent) == pytest.approx(1000, abs=1)
    assert peak_hz(caller) == pytest.approx(350, abs=1)
    # No level loss or edge effects beyond the filter's own ramp.
    assert rms(agent[800:-800]) == pytest.approx(0.5 / np.sqrt(2), rel=0.01)


def test_resampling_keeps_an_onset_in_place(tmp_path):
    rate = 8000
    x = np.zeros(rate * 3, np.float32)
    x[round(1.7 * rate):] = tone(500, 3 - 1.7, rate)
    call = open_call_file(write(tmp_path / "onset.wav", [x], rate))
    y = joined(call)
    onset = int(np.argmax(np.abs(y) > 0.05))
    assert abs(onset - 1.7 * SAMPLE_RATE) <= 2


def test_flac_reads_like_wav(tmp_path):
    channels = [tone(600, 1.3, 44100), tone(250, 1.3, 44100)]
    wav = open_call_file(write(tmp_path / "c.wav", channels, 44100, subtype="PCM_16"))
    flac = open_call_file(write(tmp_path / "c.flac", channels, 44100, subtype="PCM_16"))
    assert flac.has_caller and flac.duration_s == pytest.approx(1.3)
    np.testing.assert_allclose(joined(flac), joined(wav), atol=1e-4)  # 16-bit steps
    np.testing.assert_allclose(joined(flac, "caller"), joined(wav, "caller"), atol=1e-4)


def test_blocks_are_contiguous_full_sized_float32_and_only_the_last_is_short(tmp_path):
    call = open_call_file(write(tmp_path / "c.wav", [tone(300, 1.234, 8000)] * 2, 8000))
    blocks = list(call.blocks())
    assert [b.start for b in blocks] == [i * BLOCK_SAMPLES for i in range(len(blocks))]
    assert all(len(b.agent) == BLOCK_SAMPLES for b in blocks[:-1])
    assert 0 < len(blocks[-1].agent) < BLOCK_SAMPLES
    assert blocks[-1].end == round(1.234 * SAMPLE_RATE)
    assert all(b.agent.dtype == np.float32 and b.caller.dtype == np.float32 for b in blocks)
    assert all(b.agent.flags.c_contiguous and b.caller.flags.c_contiguous for b in blocks)


def test_blocks_can_be_read_twice(tmp_path):
    call = open_call_file(write(tmp_path / "c.wav", [tone(300, 0.5, 8000)], 8000))
    np.testing.assert_array_equal(joined(call), joined(call))


def test_a_long_call_streams_in_bounded_memory(tmp_path):
    minutes = 3
    rate = 8000
    noise = np.random.default_rng(1).uniform(-0.5, 0.5, (minutes * 60 * rate, 2))
    path = tmp_path / "long.flac"
    sf.write(path, noise.astype(np.float32), rate, subtype="PCM_16")
    del noise
    call = open_call_file(path)
    tracemalloc.start()
    try:
        total = sum(len(b.agent) for b in call.blocks())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == minutes * 60 * SAMPLE_RATE
    decoded = total * 2 * 4  # the whole call as float32 stereo at 16 kHz: 23 MB
    assert peak < 4_000_000 < decoded


# --- bad files: each says which file and what is wrong ------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(AudioFileError, match=r"nowhere\.wav: no such file"):
        open_call_file(tmp_path / "nowhere.wav")


def test_a_folder(tmp_path):
    with pytest.raises(AudioFileError, match="is a folder"):
        open_call_file(tmp_path)


def test_text_file_named_wav(tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("customer called about the invoice\n", encoding="utf-8")
    with pytest.raises(AudioFileError,
                       match=r"notes\.wav: not an audio file in a supported format"):
        open_call_file(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.wav"
    path.write_bytes(b"")
    with pytest.raises(AudioFileError, match=r"empty\.wav: is empty \(0 bytes\)"):
        open_call_file(path)


def test_zero_length_recording(tmp_path):
    path = write(tmp_path / "nothing.wav", [np.zeros(0, np.float32)] * 2, 16000)
    with pytest.raises(AudioFileError, match=r"nothing\.wav: contains no audio \(zero length\)"):
        open_call_file(path)


def test_three_channels(tmp_path):
    path = write(tmp_path / "three.wav", [tone(300, 0.5, 16000)] * 3, 16000)
    with pytest.raises(AudioFileError, match=r"three\.wav: has 3 channels; .* mono .* stereo"):
        open_call_file(path)


def test_truncated_wav_says_how_much_is_missing(tmp_path):
    full = write(tmp_path / "full.wav", [tone(300, 4.0, 8000)] * 2, 8000, subtype="PCM_16")
    data = full.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: 44 + (len(data) - 44) // 4])
    with pytest.raises(AudioFileError,
                       match=r"cut\.wav: is truncated: its header promises 4\.0 s of audio "
                             r"but the file holds only 1\.0 s"):
        open_call_file(cut)


def test_truncated_wav_header_only(tmp_path):
    full = write(tmp_path / "full.wav", [tone(300, 2.0, 16000)], 16000, subtype="PCM_16")
    cut = tmp_path / "header_only.wav"
    cut.write_bytes(full.read_bytes()[:44])
    with pytest.raises(AudioFileError,
                       match=r"header_only\.wav: is truncated: .* 2\.0 s .* 0\.0 s"):
        open_call_file(cut)


def test_wav_with_length_left_open_by_a_streaming_writer_is_fine(tmp_path):
    full = write(tmp_path / "open.wav", [tone(300, 1.0, 16000)], 16000, subtype="PCM_16")
    data = bytearray(full.read_bytes())
    assert data[36:40] == b"data"
    data[40:44] = b"\xff\xff\xff\xff"
    full.write_bytes(bytes(data))
    assert open_call_file(full).duration_s == pytest.approx(1.0)


def test_truncated_flac(tmp_path):
    full = write(tmp_path / "full.flac", [tone(300, 4.0, 16000)] * 2, 16000)
    cut = tmp_path / "cut.flac"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    with pytest.raises(AudioFileError, match=r"cut\.flac: is truncated or damaged: .*4\.0 s"):
        open_call_file(cut)


def test_flac_damaged_midway_fails_while_reading_and_names_the_position(tmp_path):
    rng = np.random.default_rng(7)
    seconds = 20
    path = write(tmp_path / "damaged.flac",
                 [rng.uniform(-0.3, 0.3, seconds * 16000).astype(np.float32)] * 2, 16000)
    data = bytearray(path.read_bytes())
    middle = len(data) * 6 // 10
    data[middle:middle + 4000] = rng.integers(0, 256, 4000, dtype=np.uint8).tobytes()
    path.write_bytes(bytes(data))
    call = open_call_file(path)  # the header and the end are intact
    got = 0.0
    with pytest.raises(AudioFileError, match=r"damaged\.flac: the audio is damaged at") as err:
        for block in call.blocks():
            got = block.end / SAMPLE_RATE
    at = float(str(err.value).split("damaged at ")[1].split(" s")[0])
    assert 9 <= at <= 13 and got <= at + 0.5
    assert "of 20.0 s" in str(err.value)


@pytest.mark.parametrize(("lang", "said"), [
    ("zh", ["文件不存在", "这是文件夹，不是音频文件", "文件是空的（0 字节）",
            "不是受支持格式的音频文件", "文件不完整：文件头标明 4.0 秒的音频"]),
    ("en", ["no such file", "is a folder, not an audio file", "is empty (0 bytes)",
            "not an audio file in a supported format", "its header promises 4.0 s of audio"]),
])
def test_a_bad_recording_is_explained_in_the_readers_language(tmp_path, monkeypatch, lang, said):
    monkeypatch.setenv("ASSISTANT_UI_LANG", lang)
    (tmp_path / "folder.wav").mkdir()
    (tmp_path / "empty.wav").write_bytes(b"")
    (tmp_path / "notes.wav").write_text("not audio at all " * 10, encoding="utf-8")
    cut = tmp_path / "cut.wav"
    sf.write(cut, np.zeros((4 * 16000, 2), np.float32), 16000, subtype="PCM_16")
    cut.write_bytes(cut.read_bytes()[: 44 + 2 * 2 * 16000])  # 1 s of the promised 4
    messages = []
    for name in ("nowhere.wav", "folder.wav", "empty.wav", "notes.wav", "cut.wav"):
        with pytest.raises(AudioFileError) as refused:
            open_call_file(tmp_path / name)
        messages.append(str(refused.value))
    for message, words in zip(messages, said, strict=True):
        assert words in message, (message, words)
    other = "no such file" if lang == "zh" else "文件不存在"
    assert not any(other in m for m in messages)
