"""Minutebook: search and cited answers over local-government meeting papers."""
__version__ = "0.1.0"
