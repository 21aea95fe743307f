"""The ground: event types, errors, paths, resources, file loading and writing, the reader's
language. Every other package may import it; it imports none of them."""
