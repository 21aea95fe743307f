"""Qt-free view models: what each part of the overlay shows, derived from the call's events.

Each module holds one part (hold countdown, pace gauge, closing checklist, greeting card,
prompts, listening status); ``assistant.ui.state.OverlayState`` routes events to them.
Everything here is testable without a window.
"""
