"""Scrubbing time of ``auroranet.logs.scrub`` on adversarial and ordinary text, 10 kB to 1 MB (target: 1 MB
well under a second), next to the patterns it replaced (quadratic: measured only up to 20 kB).

Inputs are synthetic: one long word, one long digit run, digits and spaces, ``a@`` repeated (every
``a`` starts an address attempt), ``01 `` repeated (every group starts a phone attempt) and Finnish prose
with an identity code, an address and a phone number every 300 characters. Best of three runs.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine_info, print_table, write_result  # noqa: E402

from auroranet.logs import scrub  # noqa: E402

# The patterns before the linear rewrite, kept here only to show what was fixed.
_OLD = [(re.compile(r"\b\d{6}[-+AaBbCcDdEeFfUuVvWwXxY]\d{3}[0-9A-Ya-y]\b"), "[hetu]"),
        (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
        (re.compile(r"(?<![\w])(?:\+|00)?\d[\d \-()]{6,}\d(?![\w])"), "[phone]")]


def old_scrub(text: str) -> str:
    for pattern, mark in _OLD:
        text = pattern.sub(mark, text)
    return text


PROSE = ("Hakija asuu Helsingissä ja tarvitsee apua toimeentulotuen hakemiseen, hetu 131052-308T, "
         "sähköposti maija.meikalainen@example.com, puhelin 040 123 4567. Vuonna 2026 hän muuttaa "
         "osoitteeseen 00100 Helsinki ja toivoo, että palvelu löytyy ilman jonoa tai pitkää odotusta. ")
INPUTS: dict[str, Callable[[int], str]] = {
    "long word": lambda n: "s" * n,
    "digit run": lambda n: "1" * n,
    "digits and spaces": lambda n: ("1 " * n)[:n],
    "a@ repeated": lambda n: ("a@" * n)[:n],
    "01 repeated": lambda n: ("01 " * n)[:n],
    "prose with personal data": lambda n: (PROSE * (n // len(PROSE) + 1))[:n],
}
SIZES = [10_000, 100_000, 1_000_000]
OLD_SIZES = [5_000, 10_000, 20_000]


def best_of(fn: Callable[[str], str], text: str, runs: int = 3) -> float:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(text)
        out.append(time.perf_counter() - t0)
    return min(out)


def main() -> None:
    rows, results = [], []
    for name, make in INPUTS.items():
        for n in SIZES:
            s = best_of(scrub, make(n))
            rows.append(["scrub", name, n, s * 1000])
            results.append({"implementation": "scrub", "input": name, "chars": n, "seconds": round(s, 4)})
        for n in OLD_SIZES:
            s = best_of(old_scrub, make(n), runs=1)
            rows.append(["before (quadratic)", name, n, s * 1000])
            results.append({"implementation": "before", "input": name, "chars": n, "seconds": round(s, 4)})
    print_table(["implementation", "input", "chars", "ms"], rows)
    worst_1mb = max(r["seconds"] for r in results if r["implementation"] == "scrub" and r["chars"] == 1_000_000)
    write_result("scrub", {"machine": machine_info(), "results": results, "worst_1mb_s": worst_1mb,
                           "target_1mb_s": 1.0})


if __name__ == "__main__":
    main()
