"""The floor a synthetic call is heard on: babble, echo, telephone band, line noise, keys.

A scenario file's ``[conditions]`` table says what its call is heard through; code can
hear the same call through any other (``load_scenario(path, conditions="babble10")``),
so one scenario runs in every condition. What varies per scenario rather than per
condition (which babble texts, the random seed) stays with the scenario, so a held-out
call keeps its own babble whatever condition it is heard in.

Levels:
- ``babble_snr_db``: the agent's speech power over its turns' spans, over the babble's
  mean power across the call (the babble is the sum of ``babble_voices`` talkers). It is
  set against this call's agent, so a quiet agent's room is as far below them as anyone's
  (as with a headset whose gain is low); for a soft speaker in a loud room, lower it.
- ``echo_db``: the caller's channel as the headset leaks it (band-limited, a few weak
  reflections), this much below the caller's channel in power and ``echo_delay_ms`` late,
  added to the agent's microphone.
- ``line_noise_dbfs``: RMS of the hiss on the caller's line.
- ``keyboard_dbfs``: peak of the agent's key clicks, which come in typing bursts.
- ``telephone``: both channels through 8 kHz G.711 μ-law and back, last of all.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Conditions:
    telephone: bool = False
    babble_snr_db: float | None = None
    babble_voices: int = 4
    echo_db: float | None = None
    echo_delay_ms: float = 40.0
    line_noise_dbfs: float | None = None
    keyboard_dbfs: float | None = None
    name: str = ""
    """A label for reports and test ids; ``label`` makes one when empty."""

    @property
    def clean(self) -> bool:
        return (not self.telephone and self.babble_snr_db is None and self.echo_db is None
                and self.line_noise_dbfs is None and self.keyboard_dbfs is None)

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        parts = []
        if self.babble_snr_db is not None:
            parts.append(f"babble{self.babble_snr_db:g}")
        if self.echo_db is not None:
            parts.append(f"echo{-self.echo_db:g}")
        if self.line_noise_dbfs is not None:
            parts.append(f"line{-self.line_noise_dbfs:g}")
        if self.keyboard_dbfs is not None:
            parts.append("keys")
        if self.telephone:
            parts.append("telephone")
        return "+".join(parts) or "clean"


PRESETS: dict[str, Conditions] = {
    "clean": Conditions(name="clean"),
    "telephone": Conditions(telephone=True, name="telephone"),
    "babble20": Conditions(babble_snr_db=20.0, name="babble20"),
    "babble10": Conditions(babble_snr_db=10.0, name="babble10"),
    "echo20": Conditions(echo_db=-20.0, echo_delay_ms=40.0, name="echo20"),
    "babble15": Conditions(babble_snr_db=15.0, babble_voices=6, name="babble15"),
    "babble5": Conditions(babble_snr_db=5.0, name="babble5"),
    "echo26": Conditions(echo_db=-26.0, echo_delay_ms=60.0, name="echo26"),
    "floor": Conditions(babble_snr_db=20.0, echo_db=-24.0, echo_delay_ms=30.0,
                        line_noise_dbfs=-60.0, keyboard_dbfs=-30.0, telephone=True,
                        name="floor"),
}
"""Named floors. Every acoustic rule is checked in ``ACCEPTANCE``; ``babble15`` and
``echo26`` are other levels for held-out measurement, ``babble5`` a harder floor than any
the product promises (the nearest neighbour's speech at the agent's soft level); ``floor``
is a busy floor at once."""

ACCEPTANCE = ("clean", "telephone", "babble20", "babble10", "echo20")

FIELDS = tuple(f.name for f in fields(Conditions) if f.name != "name")


def preset(name: str) -> Conditions:
    """A named condition; ``KeyError`` names the ones there are."""
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(f"no conditions named '{name}' (there are: {', '.join(PRESETS)})") from None
