"""Checks for the preamble of 4.6: the agency's mix of channels (digital preferred, offline kept, needs of all groups)."""

from __future__ import annotations
