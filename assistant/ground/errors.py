"""Errors the user can act on, and the exit codes the command line returns for them.

Any layer raises :class:`UserError` for expected bad input (a broken file, a missing model,
a device that is gone); the front end prints its message, never a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
"""Anything unexpected."""
EXIT_BAD_INPUT = 2
"""Bad input (file, pack, model, device): the message says what and where."""
EXIT_INTERRUPTED = 130
"""Ctrl+C or SIGTERM: the call was ended and kept."""


class UserError(Exception):
    """Expected bad input: printed as one clear message, exit code 2."""
