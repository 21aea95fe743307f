"""Coaching reports: a stored session as one HTML or PDF file a trainer can hand out.

    assistant report SESSION --out report.html|report.pdf [--lang zh|en]
    assistant report --agent NAME_OR_ID|--all [--since DATE] [--until DATE] --out team.html


``SESSION`` is a session id (or a unique prefix of one) in the local store. The report
holds the header facts, the per-clause scorecard, the timeline and pace plots as
pictures, each finding and prompt with its clause text, the trainer's notes and the
stored (masked) transcript; never the audio. Everything is computed on this machine.
With ``--agent`` or ``--all`` it is a team report over the stored sessions instead
(:mod:`assistant.sessions.report.team`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from assistant.ground.safefile import write_atomically
from assistant.sessions.session import Session

FORMATS = (".html", ".htm", ".pdf")


class ReportError(Exception):
    """The report cannot be written; the message says why and what to do."""


def check_output(out: Path) -> str:
    """The report format for ``out`` (its suffix), or a :class:`ReportError` saying why not."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(f"{out}: cannot tell the report format from {suffix or 'no suffix'!r};"
                          " name the file .html or .pdf")
    if not out.parent.is_dir():
        raise ReportError(f"{out}: the folder {out.parent} does not exist")
    return suffix


def write_report(session: Session, out: Path, *, lang: str | None = None) -> Path:
    """Write ``session`` as HTML or PDF, chosen by ``out``'s suffix; returns ``out``.

    The file appears whole or not at all (written beside it, then renamed), so a trainer
    never mails a half-written report, and it is readable by this user only, like the
    session it came from.
    """
    from assistant.sessions.report.content import build_content

    def render(suffix: str) -> bytes:
        content = build_content(session, lang)
        if suffix == ".pdf":
            from assistant.sessions.report.pdf import render_pdf

            return render_pdf(content)
        from assistant.sessions.report.html import render_html

        return render_html(content).encode("utf-8")

    return _write(out, lang, render)


def write_team_report(sessions: list[Session], selection, out: Path, *,
                      lang: str | None = None) -> Path:
    """The team report (:mod:`assistant.sessions.report.team`) over ``sessions``, written as
    :func:`write_report` writes a single call's."""
    from assistant.sessions.report.team import build_team_content

    def render(suffix: str) -> bytes:
        content = build_team_content(sessions, selection, lang)
        if suffix == ".pdf":
            from assistant.sessions.report.team_pdf import render_team_pdf

            return render_team_pdf(content)
        from assistant.sessions.report.team_html import render_team_html

        return render_team_html(content).encode("utf-8")

    return _write(out, lang, render)


def _write(out: Path, lang: str | None, render) -> Path:
    out = Path(out)
    suffix = check_output(out)
    if lang not in (None, "zh", "en"):
        raise ReportError(f"{out}: report language {lang!r}: use zh or en")
    from assistant.sessions.report.fonts import FontMissing

    try:
        data = render(suffix)
    except FontMissing as exc:
        raise ReportError(f"{out}: {exc}") from None
    _write_private(out, data)
    return out


def _write_private(out: Path, data: bytes) -> None:
    try:
        write_atomically(out, data)
    except OSError as exc:
        raise ReportError(f"{out}: cannot write the report ({exc.strerror or exc})") from None


def load_session(ref: str, store_root: Path | None = None) -> Session:
    """A session by id or unique prefix from the store, or from an exported session folder
    (``assistant sessions export``); anything missing or damaged is a :class:`ReportError`."""
    from assistant.sessions.store.database import SessionStore, StoreError

    if Path(ref).is_dir():
        return _load_export(Path(ref))
    try:
        with SessionStore(store_root) as store:
            return store.load(store.find(ref).id)
    except StoreError as exc:
        raise ReportError(f"{exc} (`assistant sessions list` shows the sessions; an exported "
                          f"session is given as its folder)") from None


def _load_export(folder: Path) -> Session:
    """Read an export through the importer (which checks everything) into a throw-away
    store, so the report sees exactly what an import would keep, and nothing is added to
    this machine's sessions."""
    from assistant.sessions.store.database import SessionStore, StoreError

    try:
        from assistant.sessions.store.transfer import TransferError, import_session, session_folders
    except ImportError:
        raise ReportError(f"{folder}: reading exported sessions is not available in this "
                          f"version; import it with `assistant sessions import`") from None
    try:
        folders = session_folders(folder)
        if len(folders) != 1:
            raise ReportError(f"{folder}: holds {len(folders)} sessions; give one of its "
                              f"sub-folders")
        with tempfile.TemporaryDirectory(prefix="assistant-report-") as tmp, \
                SessionStore(Path(tmp)) as store:
            return store.load(import_session(store, folders[0]).id)
    except (TransferError, StoreError) as exc:
        raise ReportError(str(exc)) from None
