"""The targets a command was given: its arguments and ``-iL FILE``, parsed once, the same
way for ``scan`` and ``hosts``."""

from __future__ import annotations

import argparse
from pathlib import Path

from portwindow.engine import InputError, TargetSet, parse_targets, targets_from_file


def targets_from_args(args: argparse.Namespace) -> TargetSet:
    text = " ".join(args.targets)
    if args.input_list:
        text = f"{text}\n{targets_from_file(Path(args.input_list))}"
    if not text.strip():
        raise InputError("no targets given (name them, or use -iL FILE)")
    targets = parse_targets(text, exclude=args.exclude)
    targets.check_size(args.allow_large)
    return targets
