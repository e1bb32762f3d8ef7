"""The targets a command was given: its arguments and ``-iL FILE``, parsed once, the same
way for ``scan`` and ``hosts``. An error in the file names the file and its line."""

from __future__ import annotations

import argparse
from pathlib import Path

from portwindow.engine import InputError, TargetSet, parse_targets, targets_from_file


def targets_from_args(args: argparse.Namespace) -> TargetSet:
    typed = " ".join(args.targets)
    from_file = targets_from_file(Path(args.input_list)) if args.input_list else ""
    text = f"{typed}\n{from_file}" if args.input_list else typed
    if not text.strip():
        raise InputError("no targets given (name them, or use -iL FILE)")
    try:
        targets = parse_targets(text, exclude=args.exclude or "")
    except InputError as error:
        raise _in_file(error, args.input_list, typed, text, from_file) from None
    targets.check_size(args.allow_large)
    return targets


def _in_file(
    error: InputError, name: str | None, typed: str, text: str, from_file: str
) -> InputError:
    """``error`` about the file's text, reworded to name the file and the line."""
    start = error.span[0] if error.span else -1
    if not name or start <= len(typed) or text[slice(*error.span)] != error.token:
        return error  # about a typed target, or about --exclude
    line = from_file.count("\n", 0, start - len(typed) - 1) + 1
    return InputError(f"targets file {name} line {line}: {error}", token=error.token)
