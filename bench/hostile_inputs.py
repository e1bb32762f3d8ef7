"""Work and memory of big and hostile inputs (issue 10): each case in a fresh process of
the portwindow found on sys.path, its wall time and peak RSS printed; a case over the
time limit is killed and printed as such. Run it in two checkouts (this one, and an older
one with ``--tree``) to compare, side by side.

    .venv/bin/python bench/hostile_inputs.py [--tree /path/to/other/checkout]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 120  # seconds a case may take
MEMORY = 4 << 30  # bytes of address space a case may take (an unbounded read stops there)

CASES = {
    "50 rules of 1-65535/tcp, audit of 10 hosts": """
        from portwindow.engine.audit.expected import load_rules, audit_results
        from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
        path = Path(folder, "doors.toml")
        rules = [f'"127.0.0.1-{last}" = ["1-65535/tcp"]' for last in range(50, 100)]
        path.write_text("[expected]\\n" + "\\n".join(rules) + "\\n")
        results = [PortResult(f"127.0.0.{h}", f"127.0.0.{h}", Protocol.TCP, p, PortState.OPEN,
                              Reason.SYN_ACK, None, 1.8e9) for h in range(1, 11) for p in (22, 80)]
        audit_results(results, load_rules(path))
    """,
    "-p '1-65535,' x 16,000 (a 128 KiB argument)": """
        from portwindow.engine.input.ports import parse_ports
        parse_ports(",".join(["1-65535"] * 16_000))
    """,
    "-iL of 1,000,000 addresses": """
        from portwindow.engine.input.targets import parse_targets, targets_from_file
        path = Path(folder, "targets.txt")
        path.write_text("\\n".join(f"127.{i >> 16}.{i >> 8 & 255}.{i & 255}" for i in range(10**6)))
        parse_targets(targets_from_file(path))
    """,
    "-iL /dev/zero": """
        from portwindow.engine.input.targets import targets_from_file
        targets_from_file("/dev/zero")
    """,
    "a report of 1,000,000 rows (CSV), loaded": """
        from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
        from portwindow.engine.reports.readers import load_report
        from portwindow.engine.reports.writers import write_csv
        path = Path(folder, "big.csv")
        rows = (PortResult("127.0.0.1", "127.0.0.1", Protocol.TCP, 1 + i % 65535, PortState.CLOSED,
                           Reason.CONN_REFUSED, 0.001, 1.8e9) for i in range(10**6))
        write_csv(rows, path)
        t0 = time.perf_counter()
        assert len(load_report(path).results) == 10**6
        print("load only", round(time.perf_counter() - t0, 2), "s", file=sys.stderr)
    """,
}

RUNNER = """
import resource, sys, time
from pathlib import Path
folder = sys.argv[1]
started = time.perf_counter()
try:
{body}
    outcome = "ok"
except Exception as exc:
    outcome = f"{{type(exc).__name__}}: {{str(exc)[:80]}}"
wall = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{wall:.2f}}\\t{{rss:.0f}}\\t{{outcome}}")
"""


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(tree: Path, body: str) -> str:
    code = RUNNER.format(body=textwrap.indent(textwrap.dedent(body), "    "))
    with tempfile.TemporaryDirectory() as folder:
        try:
            child = subprocess.run(
                [sys.executable, "-c", code, folder],
                cwd=tree,
                env=dict(os.environ, PYTHONPATH=str(tree)),
                capture_output=True,
                text=True,
                timeout=LIMIT,
                preexec_fn=_bounded,
            )
        except subprocess.TimeoutExpired:
            return f"over {LIMIT} s (killed)"
    if child.returncode != 0:
        said = child.stderr.strip().splitlines() or [f"exit {child.returncode}"]
        return f"failed: {said[-1][:100]}"
    wall, rss, outcome = child.stdout.strip().split("\t")
    extra = child.stderr.strip()
    return f"{wall} s, {rss} MiB peak, {outcome}" + (f" ({extra})" if extra else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, help="another checkout to measure side by side")
    args = parser.parse_args()
    trees = [ROOT] + ([args.tree] if args.tree else [])
    figures = {}
    for name, body in CASES.items():
        for tree in trees:  # alternating, so that the machine's load falls on both
            figures.setdefault(name, {})[str(tree)] = run(tree, body)
            print(f"{name} [{tree}]: {figures[name][str(tree)]}", flush=True)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
