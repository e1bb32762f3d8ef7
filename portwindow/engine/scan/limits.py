"""How many connects may be in flight at once, sized from RLIMIT_NOFILE (as RustScan does).

The scan keeps a sliding window of sockets; each needs a file descriptor. We raise the soft
limit towards the hard one and leave a reserve for everything else the process opens
(the GUI, log files, report files).
"""

from __future__ import annotations

import os

from portwindow.engine.scan.config import DEFAULT_CONCURRENCY

try:
    import resource
except ImportError:  # Windows has no RLIMIT_NOFILE; its socket limit is far higher.
    resource = None  # type: ignore[assignment]

MIN_WINDOW = 8
_MAX_SOFT_LIMIT = 65_536


def raise_nofile_limit() -> int:
    """Raise the soft RLIMIT_NOFILE towards the hard limit; return the soft limit in force."""
    if resource is None:
        return 8192
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = _MAX_SOFT_LIMIT if hard == resource.RLIM_INFINITY else min(hard, _MAX_SOFT_LIMIT)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else _MAX_SOFT_LIMIT


def open_fd_count() -> int:
    """How many descriptors this process holds now (0 where the platform cannot say)."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return 0


def window_size(requested: int | None) -> int:
    """The number of connects to keep in flight: what was asked, within the fd budget."""
    soft = raise_nofile_limit()
    reserve = max(32, soft // 8) + open_fd_count()
    budget = max(MIN_WINDOW, soft - reserve)
    wanted = requested if requested else DEFAULT_CONCURRENCY
    return max(1, min(wanted, budget))
