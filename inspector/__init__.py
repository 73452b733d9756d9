"""Inspector: read-only inspection of storage media at a customs desk."""

__version__ = "0.1.0"
