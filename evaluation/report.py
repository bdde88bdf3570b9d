"""Render an eval results document as plain text, Markdown and a PNG chart."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

HEADLINE = ("hit@5", "mrr", "answer_accuracy", "citation_accuracy", "quote_citation_accuracy",
            "attribution", "abstention_precision", "abstention_recall")
MODE_COLUMNS = ("n", "hit@1", "hit@3", "hit@5", "hit@10", "mrr")
GROUP_COLUMNS = ("n", "hit@5", "mrr", "answer_accuracy", "citation_accuracy", "attribution")


def fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _table(header: list[str], rows: list[list]) -> list[str]:
    """A Markdown table (also readable as plain text)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in rows]
    return lines


def _group_rows(groups: dict, modes: list[str]) -> tuple[list[str], list[list]]:
    header = ["group", "n"] + [f"hit@5 {m}" for m in modes] + [
        "answer", "citation", "attribution"]
    rows = []
    for name, g in groups.items():
        rows.append([name, g["n"]] + [g["modes"][m]["hit@5"] for m in modes]
                    + [g["answer_accuracy"], g["citation_accuracy"], g["attribution"]])
    return header, rows


def summary_lines(doc: dict) -> list[str]:
    modes = list(doc["modes"])
    o = doc["overall"]
    lines = [f"Cases: {o['n']}  (primary mode for hit@5/MRR: {doc['primary_mode']}, k={doc['k']})", ""]
    lines += _table(["metric", "value"], [[m, o.get(m)] for m in HEADLINE] + [
        ["false_abstention_rate", o.get("false_abstention_rate")],
        ["body_attribution", o.get("body_attribution")],
        ["evidence_in_store (upper bound on retrieval)", o.get("evidence_in_store")]])
    lines += ["", "Retrieval per mode (answerable cases):", ""]
    lines += _table(["mode", *MODE_COLUMNS],
                    [[m, *(doc["modes"][m].get(c) for c in MODE_COLUMNS)] for m in modes])
    lines += ["", "Per kind:", ""]
    lines += _table(*_group_rows(doc["kinds"], modes))
    lines += ["", "Per case file:", ""]
    lines += _table(*_group_rows(doc["files"], modes))
    t = doc.get("timings") or {}
    if t:
        per_mode = ", ".join(f"{m} {fmt(v)} ms" for m, v in (t.get("search_ms_mean") or {}).items())
        lines += ["", f"Mean latency: search {per_mode}; ask {fmt(t.get('ask_ms_mean'))} ms"]
    return lines


def failure_lines(doc: dict) -> list[str]:
    lines = [f"Failed cases ({len(doc['failures'])}):"]
    for f in doc["failures"]:
        lines += ["", f"### {f['id']} ({f['kind']}, {f['file']})",
                  f"- question: {f['question']}",
                  f"- expected: {' | '.join(f['expected'])}"
                  + (f"  (meeting {f['expected_meeting']})" if f.get("expected_meeting") else "")
                  + (f"  (page {f['expected_page']})" if f.get("expected_page") else ""),
                  f"- got: {'[abstained] ' if f.get('abstained') else ''}{_one_line(f.get('got'))}"]
        c = f.get("cited")
        if c:
            lines.append(f"- cited: {c.get('title')} | {c.get('body') or '-'} {c.get('meeting_date') or '-'}"
                         f" | p.{c.get('page') or '-'} | {c.get('section') or '-'}")
            lines.append(f"  quote: \"{_one_line(c.get('quote'), 300)}\"")
        ranks = ", ".join(f"{m} {r or '-'}" for m, r in f["ranks"].items())
        lines.append(f"- ranks: {ranks}")
        lines.append(f"- why: {'; '.join(f['reasons'])}")
    return lines


def _one_line(text: Optional[str], limit: int = 300) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def render_text(doc: dict) -> str:
    return "\n".join(summary_lines(doc) + [""] + failure_lines(doc)) + "\n"


def render_markdown(doc: dict, chart_name: Optional[str] = None, command: str = "") -> str:
    lines = ["# Minutebook evaluation report", ""]
    if command:
        lines += [f"Command: `{command}`", ""]
    if chart_name:
        lines += [f"![hit@5 and MRR per mode, answer accuracy per kind]({chart_name})", ""]
    lines += summary_lines(doc)
    lines += ["", "## Definitions", ""]
    lines += [f"- **{k}**: {v}" for k, v in doc.get("definitions", {}).items()]
    lines += ["", "## " + failure_lines(doc)[0]] + failure_lines(doc)[1:]
    return "\n".join(lines) + "\n"


def write_chart(doc: dict, path: Path) -> Path:
    """Two panels: hit@5 and MRR per retrieval mode; answer accuracy per kind."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    modes = list(doc["modes"])
    kinds = list(doc["kinds"])
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    xs = range(len(modes))
    width = 0.38
    hit5 = [doc["modes"][m]["hit@5"] or 0 for m in modes]
    mrr = [doc["modes"][m]["mrr"] or 0 for m in modes]
    left.bar([x - width / 2 for x in xs], hit5, width, label="hit@5")
    left.bar([x + width / 2 for x in xs], mrr, width, label="MRR")
    left.set_xticks(list(xs), modes)
    left.set_ylim(0, 1)
    left.set_title("Evidence retrieval per mode")
    left.legend(loc="lower right")
    acc = [doc["kinds"][k]["answer_accuracy"] or 0 for k in kinds]
    right.bar(range(len(kinds)), acc, color="tab:green")
    right.set_xticks(range(len(kinds)), [f"{k}\n(n={doc['kinds'][k]['n']})" for k in kinds])
    right.set_ylim(0, 1)
    right.set_title(f"Answer accuracy per kind (overall {fmt(doc['overall']['answer_accuracy'])})")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def write_report(doc: dict, out_dir: Path, command: str = "") -> Path:
    """report.md and chart.png in out_dir; returns the report path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    chart = write_chart(doc, out_dir / "chart.png")
    report = out_dir / "report.md"
    report.write_text(render_markdown(doc, chart.name, command), encoding="utf-8")
    return report
