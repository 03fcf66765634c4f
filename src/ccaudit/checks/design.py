"""Checks for 4.4: designing new and reengineering existing services (design projects, prototypes, launch)."""

from __future__ import annotations
