"""Shapes, a Python 2 package."""
