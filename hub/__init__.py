"""hub: the master-data hub for medical-device companies."""

__version__ = "0.1.0"
