"""auroranet: an open implementation of Finland's AuroraAI network."""

__version__ = "0.1.0"
