"""Butterworth band-pass filters and their streaming, in numpy alone.

The live app filters every block through a handful of band-passes (:mod:`frames`,
:mod:`subbands`). ``scipy.signal`` would do it in three lines, but importing it costs
70-100 MB of resident memory (the overlay's budget is 350 MB), for a design done once at
import and a recursion of two biquads. So these few lines are ours, and the tests
check them against scipy (the same sections, the same output to rounding).

The design follows ``scipy.signal.butter(order, band, btype="bandpass", fs=fs,
output="sos")`` step for step: the analog prototype's poles, low-pass to band-pass,
the bilinear transform with pre-warped edges, and the pairing into second-order sections
(the pole pair nearest the unit circle last, each with the zeros nearest it, the gain in
the first section).

The streaming filter gives scipy's ``sosfilt`` output with the state carried from block
to block, without a Python loop per sample: the cascade is a linear state-space system,
so a chunk of ``CHUNK`` samples comes out of one matrix product with the cascade's
impulse response (a lower-triangular Toeplitz matrix) plus the response to the state at
the chunk's start, and those states themselves, for every chunk of a block, out of two
more: the states within each group of ``GROUP`` chunks, and the groups' starting states
(one product over all chunks at once needs a matrix of 1.3 MB for the six sub-bands,
read from memory at every block once Whisper has run; these need 60 kB). Several filters
on the same input (a filter bank) share these products.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CHUNK = 40
"""Samples per matrix product. The Toeplitz product grows with the chunk and the one
that carries the state across chunks with the square of their number: 40 keeps both
small for the pipeline's 100 ms blocks (40 chunks) and divides its 10 ms frames."""
MAX_BLOCK = 40 * CHUNK
"""A longer block is filtered in pieces this long (one 100 ms pipeline block)."""
GROUP = 8
"""Chunks whose states come out of one product; a block's groups are carried by another."""


def butter_bandpass_sos(order: int, band_hz: tuple[float, float], fs: float) -> np.ndarray:
    """Second-order sections (``order`` × 6) of a digital Butterworth band-pass, the same
    as ``scipy.signal.butter(order, band_hz, btype="bandpass", fs=fs, output="sos")``."""
    lo, hi = band_hz
    if order < 1 or not 0.0 < lo < hi < fs / 2.0:
        raise ValueError(f"band-pass needs order >= 1 and 0 < lo < hi < fs/2, got "
                         f"order {order}, band {band_hz}, fs {fs}")
    wn = np.asarray(band_hz, dtype=np.float64) / (fs / 2.0)
    warped = 4.0 * np.tan(np.pi * wn / 2.0)  # pre-warped for the bilinear transform, fs = 2
    bw = float(warped[1] - warped[0])
    wo = float(np.sqrt(warped[0] * warped[1]))
    m = np.arange(-order + 1, order, 2, dtype=np.float64)
    prototype = -np.exp(1j * np.pi * m / (2 * order))
    p_lp = (prototype * bw / 2).astype(np.complex128)
    shift = np.sqrt(p_lp**2 - wo**2)
    poles = np.concatenate((p_lp + shift, p_lp - shift))
    zeros = np.zeros(order, dtype=np.complex128)  # the band-pass's zeros at DC
    gain = 1.0 * bw**order
    z_poles = (4.0 + poles) / (4.0 - poles)
    z_zeros = np.concatenate(((4.0 + zeros) / (4.0 - zeros), -np.ones(order)))
    gain = gain * float(np.real(np.prod(4.0 - zeros) / np.prod(4.0 - poles)))
    return _pair_sections(z_zeros, z_poles, gain)


def _pair_sections(zeros: np.ndarray, poles: np.ndarray, gain: float) -> np.ndarray:
    """scipy's ``zpk2sos`` (``pairing="nearest"``) for real zeros, as a band-pass has."""
    if np.any(np.abs(zeros.imag) > 0.0):
        raise ValueError("only real zeros are paired here (a Butterworth band-pass's)")
    zeros = np.sort(zeros.real)
    poles = _one_of_each_pair(poles)
    sos = np.zeros((len(zeros) // 2, 6))
    for section in range(len(sos) - 1, -1, -1):
        i = _closest_to_unit_circle(poles)
        p1 = poles[i]
        poles = np.delete(poles, i)
        if np.isreal(p1):
            real = np.flatnonzero(np.isreal(poles))
            j = real[_closest_to_unit_circle(poles[real])]
            p2 = poles[j]
            poles = np.delete(poles, j)
        else:
            p2 = p1.conj()
        pair = []
        for _ in range(2):
            k = int(np.argsort(np.abs(zeros - p1))[0])
            pair.append(zeros[k])
            zeros = np.delete(zeros, k)
        sos[section, :3] = np.poly(pair).real
        sos[section, 3:] = np.poly([p1, p2]).real
    sos[0, :3] *= gain
    return sos


def _one_of_each_pair(z: np.ndarray) -> np.ndarray:
    """scipy's ``_cplxreal``, joined: one of each conjugate pair (the pair averaged, sorted
    by real part and then by imaginary part), then the real ones, sorted."""
    z = z[np.lexsort((abs(z.imag), z.real))]
    real = abs(z.imag) <= 100 * np.finfo(np.float64).eps * abs(z)
    pairs = z[~real]
    upper, lower = pairs[pairs.imag > 0], pairs[pairs.imag < 0]
    if len(upper) != len(lower):
        raise ValueError("a complex pole has no conjugate")
    return np.concatenate(((upper + lower.conj()) / 2, z[real].real))


def _closest_to_unit_circle(p: np.ndarray) -> int:
    return int(np.argmin(np.abs(1 - np.abs(p))))


class SosFilter:
    """Cascades of second-order sections on one input stream, with their state carried
    across blocks of any length: ``process`` gives what ``scipy.signal.sosfilt(sos,
    samples, zi=state)`` gives for each cascade, to float64 rounding.

    ``sos`` is one cascade (sections × 6) or a bank of them (several cascades of the same
    number of sections, e.g. sub-bands), filtered together; the state starts at rest."""

    def __init__(self, sos: np.ndarray | Sequence[np.ndarray]) -> None:
        bank = np.asarray(sos, dtype=np.float64)
        if bank.shape[-1] != 6 or not np.all(bank[..., 3] == 1.0):
            raise ValueError("sections are rows of six, b0 b1 b2 1 a1 a2 (a0 normalised)")
        self._single = bank.ndim == 2
        bank = bank[None] if self._single else bank
        self._plan = _plan(bank.tobytes(), bank.shape)
        self._s = np.zeros((bank.shape[0], 2 * bank.shape[1]))

    @property
    def state(self) -> np.ndarray:
        """In scipy's ``zi`` layout: (sections, 2), or (cascades, sections, 2) for a bank."""
        zi = self._s.reshape(len(self._s), -1, 2).copy()
        return zi[0] if self._single else zi

    def process(self, samples: np.ndarray) -> np.ndarray:
        """The filtered block: (n,) for one cascade, (cascades, n) for a bank."""
        x = np.asarray(samples, dtype=np.float64).ravel()
        pieces = [self._piece(x[i:i + MAX_BLOCK]) for i in range(0, len(x), MAX_BLOCK)]
        y = np.concatenate(pieces, axis=1) if pieces else np.zeros((len(self._s), 0))
        return y[0] if self._single else y

    def _piece(self, x: np.ndarray) -> np.ndarray:
        plan = self._plan
        count, states = self._s.shape
        m, r = divmod(len(x), CHUNK)
        chunks = x[:m * CHUNK].reshape(m, CHUNK)
        # what each chunk's samples leave in the state at its end: (count, m, S)
        pushed = (chunks @ plan.to_state_t).reshape(m, count, states).transpose(1, 0, 2)
        starts = self._starts(pushed)  # the state at each chunk's start and after the last
        y = np.empty((count, len(x)))
        whole = (chunks @ plan.toeplitz_t).reshape(m, count, CHUNK).transpose(1, 0, 2)
        whole = whole + starts[:, :m] @ plan.from_state.transpose(0, 2, 1)
        y[:, :m * CHUNK] = whole.reshape(count, m * CHUNK)
        s = starts[:, m]
        if r:
            tail = x[m * CHUNK:]
            t_r = plan.toeplitz_t[:r].reshape(r, count, CHUNK)[:, :, :r]
            y[:, m * CHUNK:] = (np.einsum("j,jci->ci", tail, t_r)
                                + np.einsum("cs,cis->ci", s, plan.from_state[:, :r]))
            to_state = plan.to_state_t.reshape(CHUNK, count, states)[CHUNK - r:]
            s = (np.einsum("cst,ct->cs", plan.a_powers[:, r], s)
                 + np.einsum("j,jcs->cs", tail, to_state))
        self._s = s
        return y

    def _starts(self, pushed: np.ndarray) -> np.ndarray:
        """(count, m+1, S): the state at the start of each of the m chunks and after the
        last, from the state now and what each chunk pushes into it (count, m, S). Within
        a group from rest, then each group's start carried in (the pushes padded with
        zeros to whole groups, which changes no state before the padding)."""
        plan = self._plan
        count, m, states = pushed.shape
        if m == 0:
            return self._s[:, None, :]
        groups = -(-m // GROUP)
        padded = np.zeros((count, groups * GROUP * states))
        padded[:, :m * states] = pushed.reshape(count, m * states)
        # (count, GROUP+1, S, groups): states within each group, from rest
        local = (plan.local @ padded.reshape(count, groups, GROUP * states).transpose(0, 2, 1)
                 ).reshape(count, GROUP + 1, states, groups)
        ends = local[:, GROUP].transpose(0, 2, 1).reshape(count, groups * states, 1)
        begins = (plan.group_start[:, :(groups + 1) * states] @ self._s[:, :, None]
                  + plan.group_carry[:, :(groups + 1) * states, :groups * states] @ ends
                  ).reshape(count, groups + 1, states)
        # a chunk k into group q starts at P^k (the group's start) + the group's own pushes
        within = np.einsum("ckst,cqt->cqks", plan.local_start, begins[:, :groups])
        within += local[:, :GROUP].transpose(0, 3, 1, 2)
        starts = np.concatenate([within.reshape(count, groups * GROUP, states),
                                 begins[:, groups:]], axis=1)
        return starts[:, :m + 1] if m < groups * GROUP else starts


@dataclass(frozen=True)
class _Plan:
    """The matrices of a bank's chunk products, built once per bank (not per stream)."""

    toeplitz_t: np.ndarray  # (CHUNK, cascades × CHUNK): each cascade's Tᵀ side by side
    from_state: np.ndarray  # (cascades, CHUNK, S)
    to_state_t: np.ndarray  # (CHUNK, cascades × S)
    a_powers: np.ndarray  # (cascades, CHUNK + 1, S, S)
    local: np.ndarray  # (cascades, (GROUP + 1) × S, GROUP × S): states within a group
    local_start: np.ndarray  # (cascades, GROUP, S, S): P⁰ … P^(GROUP-1), P = A^CHUNK
    group_carry: np.ndarray  # (cascades, (groups + 1) × S, groups × S), with P^GROUP
    group_start: np.ndarray  # (cascades, (groups + 1) × S, S)


@functools.lru_cache(maxsize=16)
def _plan(bank_bytes: bytes, shape: tuple[int, ...]) -> _Plan:
    bank = np.frombuffer(bank_bytes).reshape(shape)
    systems = [_state_space(cascade) for cascade in bank]
    a_powers = np.stack([_powers(a, CHUNK + 1) for a, _, _, _ in systems])
    step = a_powers[:, CHUNK]
    local, local_start = _chunk_carry(step, GROUP)
    states = step.shape[-1]
    group_carry, group_start = _chunk_carry(
        np.stack([np.linalg.matrix_power(p, GROUP) for p in step]),
        -(-(MAX_BLOCK // CHUNK) // GROUP))
    chunk_powers = a_powers[:, :CHUNK]  # A⁰ … A^(CHUNK-1), each cascade's
    plan = _Plan(toeplitz_t=np.concatenate([_toeplitz(p, b, c, d).T for p, (_, b, c, d)
                                            in zip(chunk_powers, systems)], axis=1),
                 from_state=np.stack([_from_state(p, c) for p, (_, _, c, _)
                                      in zip(chunk_powers, systems)]),
                 to_state_t=np.concatenate([_to_state(p, b).T for p, (_, b, _, _)
                                            in zip(chunk_powers, systems)], axis=1),
                 a_powers=a_powers, local=local,
                 local_start=local_start[:, :GROUP * states].reshape(
                     len(bank), GROUP, states, states),
                 group_carry=group_carry, group_start=group_start)
    for matrix in vars(plan).values():
        matrix.setflags(write=False)  # shared by every stream of the bank
    return plan


def _state_space(sos: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(A, B, C, D) of the cascade in direct form II transposed, scipy's ``zi`` layout:
    s' = A s + B x, y = C s + D x, found by stepping it once from each unit state."""
    states = 2 * len(sos)
    a, b, c = np.zeros((states, states)), np.zeros(states), np.zeros(states)
    for k in range(states):
        unit = np.zeros(states)
        unit[k] = 1.0
        c[k], a[:, k] = _step(sos, unit, 0.0)
    d, b = _step(sos, np.zeros(states), 1.0)
    return a, b, c, d


def _step(sos: np.ndarray, s: np.ndarray, x: float) -> tuple[float, np.ndarray]:
    out = s.copy()
    for i, (b0, b1, b2, _, a1, a2) in enumerate(sos):
        y = b0 * x + s[2 * i]
        out[2 * i] = b1 * x - a1 * y + s[2 * i + 1]
        out[2 * i + 1] = b2 * x - a2 * y
        x = y
    return x, out


def _powers(a: np.ndarray, count: int) -> np.ndarray:
    """A⁰ … A^(count-1)."""
    out = np.empty((count, *a.shape))
    out[0] = np.eye(len(a))
    for k in range(1, count):
        out[k] = a @ out[k - 1]
    return out


def _toeplitz(powers: np.ndarray, b: np.ndarray, c: np.ndarray, d: float) -> np.ndarray:
    """The zero-state response of a chunk: y = T x, T[i, j] = h[i - j] (``powers``: A⁰ …
    A^(CHUNK-1))."""
    h = np.concatenate(([d], [c @ powers[k] @ b for k in range(CHUNK - 1)]))
    i, j = np.indices((CHUNK, CHUNK))
    return np.where(i >= j, h[np.maximum(i - j, 0)], 0.0)


def _from_state(powers: np.ndarray, c: np.ndarray) -> np.ndarray:
    """A chunk's response to its starting state: y[i] += (C Aⁱ) s."""
    return np.stack([c @ p for p in powers])


def _to_state(powers: np.ndarray, b: np.ndarray) -> np.ndarray:
    """What a chunk's samples leave in the state at its end: s' = A^CHUNK s + M x."""
    return np.stack([powers[CHUNK - 1 - j] @ b for j in range(CHUNK)], axis=1)


def _chunk_carry(step: np.ndarray, chunks: int) -> tuple[np.ndarray, np.ndarray]:
    """For each cascade, with P = A^CHUNK: the state at the start of chunk j (j = 0 …
    chunks) is Pʲ s + Σ_{i<j} P^(j-1-i) pushedᵢ; returns the block lower-triangular matrix
    of the sum and the stacked Pʲ."""
    count, states, _ = step.shape
    carry = np.zeros((count, (chunks + 1) * states, chunks * states))
    start = np.zeros((count, (chunks + 1) * states, states))
    for f in range(count):
        powers = _powers(step[f], chunks + 1)
        start[f] = powers.reshape(-1, states)
        for j in range(1, chunks + 1):
            for i in range(j):
                carry[f, j * states:(j + 1) * states, i * states:(i + 1) * states] = \
                    powers[j - 1 - i]
    return carry, start
