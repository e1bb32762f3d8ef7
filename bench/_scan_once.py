"""One full scan in a fresh process, for bench/engine_vs_nmap.py: prints a JSON line with
the scan's own wall time, the open ports and the process's peak RSS."""

import json
import resource
import sys
import time

from portwindow.engine.core.model import PortState
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan import loops
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.scheduler import Scan


def main() -> None:
    target, ports, loop_kind = sys.argv[1], sys.argv[2], sys.argv[3]
    config = ScanConfig(parse_targets(target), parse_ports(ports))
    results = []

    async def scan():
        return await Scan(config).run(lambda batch: results.extend(batch.results))

    t0 = time.perf_counter()
    summary = loops.run(scan(), prefer_uvloop=loop_kind == "uvloop")
    wall = time.perf_counter() - t0
    opened = sorted(r.port for r in results if r.state is PortState.OPEN)
    print(
        json.dumps(
            {
                "wall": wall,
                "done": summary.progress.done,
                "open": opened,
                "filtered": summary.progress.filtered,
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main()
