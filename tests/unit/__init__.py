"""Unit tests of the domain core (loader, validator, catalogue, renderers, CLI)."""
