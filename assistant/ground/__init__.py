"""The ground: event types, errors, paths, resources, data files, the reader's language.

Everything else imports it; it imports nothing of the assistant's own."""
