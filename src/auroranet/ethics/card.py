"""The model card (Markdown) and the fairness audit (JSON), written by ``aurora ethics report``."""

from __future__ import annotations

import json
from pathlib import Path

from auroranet.ethics.audit import FLAG_RATIO, METRICS, Audit
from auroranet.insights.privacy import K
from auroranet.runtime import Runtime

REPORT_JSON = "fairness.json"
CARD_MD = "model_card.md"


def model_card(rt: Runtime, audit: Audit) -> str:
    snap = rt.snapshot()
    s = rt.settings
    lines = [
        "# Model card: auroranet service recommender", "",
        "## Model",
        f"- Retrieval: hybrid lexical (BM25-style, analyzer `{s.analyzer}`) and dense (embedder `{s.embedder}`) "
        "search over the Finnish Service Catalogue (PTV); 3X10D meters turned into needs below 7/10.",
        f"- Reranker: {'version ' + str(snap.reranker.version) if snap.reranker else 'none active (base ranking)'}.",
        f"- Catalogue snapshot: {len(snap.index.services)} services, {len(snap.labels)} meter labels.",
        "", "## Intended use",
        "- Suggest public services to a person who describes their life situation (3X10D self-assessment or "
        "free text), anonymously. Not for decisions about a person, eligibility or benefits.",
        "", "## Data and privacy",
        "- No exact age, free text or meter answers are stored with shown results; statistics are published "
        f"only for groups of at least k = {K}, with complementary suppression and differential privacy "
        f"(ε = {s.insights_epsilon_per_release} per release, at most {s.insights_epsilon_budget} per area and month).",
        "", "## Fairness audit",
        f"Same {audit.profiles} need profiles for every group, {audit.limit} results each. Metrics: results "
        "(share of the slots filled), relevant (share of shown services labelled for one of the needs), local "
        "(share of shown services that are local). A group is flagged when a metric is at least "
        f"{int(FLAG_RATIO * 100)} % worse than its dimension's mean.", "",
        "Municipality size is measured by the catalogue's own coverage (local services per municipality, in "
        "thirds), because the code lists carry no populations.", "",
        "| dimension | group | queries | " + " | ".join(METRICS) + " | flagged |",
        "|---|---|---|" + "---|" * len(METRICS) + "---|",
    ]
    for g in audit.groups:
        vals = " | ".join(f"{g.metrics[m]:.3f}" if m in g.metrics else "–" for m in METRICS)
        lines.append(f"| {g.dimension} | {g.group} | {g.requests} | {vals} | {', '.join(g.flagged) or '–'} |")
    flagged = audit.flagged()
    findings = [f"- **{g.dimension} {g.group}**: {', '.join(g.flagged)} at least {int(FLAG_RATIO * 100)} % "
                "below the mean." for g in flagged]
    lines += ["", "## Findings",
              *(findings or ["- No group is 10 % or more worse than its dimension's mean on any metric."]),
              "", "## Limitations",
              "- The audit uses synthetic queries, not people's outcomes; it measures exposure, not benefit.",
              "- Swedish and English rely on the catalogue's translations; missing texts lower their exposure.",
              ""]
    return "\n".join(lines)


def write_report(rt: Runtime, audit: Audit, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    card = out_dir / CARD_MD
    report = out_dir / REPORT_JSON
    card.write_text(model_card(rt, audit), encoding="utf-8")
    report.write_text(json.dumps(audit.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    return card, report


def read_report(data_dir: Path) -> dict[str, object] | None:
    """The last fairness report written into the data directory (for /transparency), if any."""
    try:
        data = json.loads((data_dir / "ethics" / REPORT_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
