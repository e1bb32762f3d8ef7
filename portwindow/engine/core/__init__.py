"""The engine's vocabulary, shared by every layer above it: results and their types,
the one error type for bad input, and text escaping.
"""
