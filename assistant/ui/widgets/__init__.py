"""The overlay's parts as small widgets; each shows one part of ``OverlayState``.

Widgets never take keyboard focus (the agent is typing in the softphone/CRM): every
interactive child is mouse-only (``Qt.NoFocus``).
"""
