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

from assistant.ground.reader import say
from assistant.ground.safefile import write_atomically
from assistant.sessions.session import Session

FORMATS = (".html", ".htm", ".pdf")


MESSAGES = {
    "format": {"en": "{out}: cannot tell the report format from {suffix}; name the file .html "
                     "or .pdf",
               "zh": "{out}：无法从 {suffix} 判断报告格式；请把文件命名为 .html 或 .pdf"},
    "no_folder": {"en": "{out}: the folder {folder} does not exist",
                  "zh": "{out}：文件夹 {folder} 不存在"},
    "language": {"en": "{out}: report language {asked!r}: use zh or en",
                 "zh": "{out}：报告语言 {asked!r}：请用 zh 或 en"},
    "cannot_write": {"en": "{out}: cannot write the report ({why})",
                     "zh": "{out}：无法写入报告（{why}）"},
    "not_found": {"en": "{why} (`assistant sessions list` shows the sessions; an exported "
                        "session is given as its folder)",
                  "zh": "{why}（`assistant sessions list` 列出全部会话；导出的会话请给出其文件夹）"},
    "several": {"en": "{folder}: holds {n} sessions; give one of its sub-folders",
                "zh": "{folder}：里面有 {n} 个会话；请给出其中一个子文件夹"},
}


class ReportError(Exception):
    """The report cannot be written; the message says why and what to do."""


def check_output(out: Path) -> str:
    """The report format for ``out`` (its suffix), or a :class:`ReportError` saying why not."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(say(MESSAGES, "format", out=out, suffix=suffix or "''"))
    if not out.parent.is_dir():
        raise ReportError(say(MESSAGES, "no_folder", out=out, folder=out.parent))
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
        raise ReportError(say(MESSAGES, "language", out=out, asked=lang))
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
        raise ReportError(say(MESSAGES, "cannot_write", out=out, why=exc.strerror or exc)) \
            from None


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
        raise ReportError(say(MESSAGES, "not_found", why=exc)) from None


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
            raise ReportError(say(MESSAGES, "several", folder=folder, n=len(folders)))
        with tempfile.TemporaryDirectory(prefix="assistant-report-") as tmp, \
                SessionStore(Path(tmp)) as store:
            return store.load(import_session(store, folders[0]).id)
    except (TransferError, StoreError) as exc:
        raise ReportError(str(exc)) from None
