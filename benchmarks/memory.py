"""Memory figures shared by the benchmark scripts."""

from __future__ import annotations

import resource
from pathlib import Path


def rss_mb() -> float:
    """Current resident set size of this process in MB (Linux), else its peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
