"""The overlay's wording helpers that still live beside the window (the view-model itself is
``assistant.overlay``)."""
