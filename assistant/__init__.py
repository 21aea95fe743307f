"""Real-time etiquette assistant for call-centre agents."""

__version__ = "0.1.0"
