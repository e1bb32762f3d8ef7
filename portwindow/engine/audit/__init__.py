"""Keeping scans and judging them: the history, the expected doors, and what changed
between two scans.
"""
