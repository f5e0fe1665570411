"""Clausier: ethical public-procurement clause assistant for French local authorities."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("clausier")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"
