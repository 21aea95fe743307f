"""The keys of the ``recording`` translation context (see :mod:`assistant.ui.strings`)."""

from PySide6.QtCore import QT_TRANSLATE_NOOP

KEYS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("recording", "status.recording_stopped"),
    QT_TRANSLATE_NOOP("recording", "status.recording.disk_full"),
    QT_TRANSLATE_NOOP("recording", "status.recording.not_writable"),
    QT_TRANSLATE_NOOP("recording", "status.recording.failed"),
    QT_TRANSLATE_NOOP("recording", "status.recording.failed_at"),
)
