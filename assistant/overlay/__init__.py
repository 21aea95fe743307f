"""The overlay's view-model, Qt-free: what each part of the overlay shows, from the call's events.

``state.OverlayState`` routes events to one module per part (hold countdown, pace gauge,
closing checklist, greeting card, prompts, listening status, after-call feedback);
``live_call.LiveCall`` follows live calls on a worker thread. Nothing here imports Qt, so
the live overlay and the replay window share it and it is tested without a window.
"""
