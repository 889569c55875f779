"""Run every benchmark in turn (`make bench`). Each writes its JSON to bench/results/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["bench_search.py", "bench_recommend.py", "bench_embed.py", "bench_reimport.py", "bench_http.py",
           "bench_ratio.py", "bench_scrub.py"]

if __name__ == "__main__":
    failed = []
    for name in SCRIPTS:
        print(f"\n== {name}", flush=True)
        if subprocess.call([sys.executable, str(HERE / name)]) != 0:
            failed.append(name)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")
