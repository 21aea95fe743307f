"""The floor: what crosses from the agents' desktops to the call centre's own service."""
