#!/usr/bin/env python3
"""Collects the peer benchmark's runs into one JSON and one markdown table.

    aggregate.py relsynth-result DIR RELSYNTH_BIN
        -> DIR/result.json from relsynth's train/generate measurements (limit.py)
    aggregate.py summary WORK_DIR --date D --json OUT.json --md OUT.md [--run-seconds S] ...
        -> reads WORK_DIR/<dataset>/<system>/{result,report,sdmetrics}.json

Ratios are relsynth / peer on the same dataset: time = (fit + sample) seconds, quality =
SDMetrics overall quality. The goals of issue #5: SDMetrics overall >= the peer's (quality
ratio >= 1), and time ratio <= 1/20 against SDV HMA, <= 1/5 against MOSTLY AI's engine.
"""
import argparse
import json
import os
import subprocess
import sys

SYSTEM_ORDER = ["relsynth", "sdv-hma", "mostlyai-engine", "realtabformer"]
TIME_GOAL = {"sdv-hma": 1 / 20, "mostlyai-engine": 1 / 5}
QUALITY_GOAL = {"sdv-hma", "mostlyai-engine"}


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def relsynth_result(dirpath, binary):
    fit = load(os.path.join(dirpath, "fit.measure.json")) or {}
    gen = load(os.path.join(dirpath, "sample.measure.json")) or {}
    version = None
    try:
        version = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
    except OSError:
        pass
    status, error = "ok", None
    for step, m in (("train", fit), ("generate", gen)):
        if not m:
            status, error = "failed", error or f"{step}: not run"
        elif m.get("status") != "ok":
            status, error = m["status"], f"{step}: {m.get('error')}"
            break
    res = {"system": "relsynth", "status": status, "error": error,
           "fit_s": fit.get("wall_s"), "sample_s": gen.get("wall_s"),
           "peak_rss_mb": max([m.get("peak_rss_mb") or 0 for m in (fit, gen)]) or None,
           "versions": {"relsynth": version},
           "commands": [fit.get("command"), gen.get("command")],
           "synthetic": os.path.join(dirpath, "synthetic.sqlite")}
    with open(os.path.join(dirpath, "result.json"), "w") as f:
        json.dump(res, f, indent=1)


def collect(work):
    rows = []
    for ds in sorted(os.listdir(work)):
        dsdir = os.path.join(work, ds)
        if not os.path.isdir(dsdir):
            continue
        source = None
        if os.path.exists(os.path.join(dsdir, "source.txt")):
            source = open(os.path.join(dsdir, "source.txt")).read().strip()
        systems = [s for s in os.listdir(dsdir) if os.path.isdir(os.path.join(dsdir, s))]
        systems.sort(key=lambda s: (SYSTEM_ORDER.index(s) if s in SYSTEM_ORDER else 99, s))
        for system in systems:
            d = os.path.join(dsdir, system)
            res = load(os.path.join(d, "result.json")) or {"system": system, "status": "failed",
                                                            "error": "no result.json"}
            rep = load(os.path.join(d, "report.json"))
            sdm = load(os.path.join(d, "sdmetrics.json"))
            rep_m = load(os.path.join(d, "report.measure.json"))
            sdm_m = load(os.path.join(d, "sdmetrics.measure.json"))
            row = {"dataset": ds, "system": system, "source": source,
                   "status": res.get("status"), "error": res.get("error"),
                   "fit_s": res.get("fit_s"), "sample_s": res.get("sample_s"),
                   "peak_rss_mb": res.get("peak_rss_mb"), "versions": res.get("versions"),
                   "covered_tables": res.get("covered_tables"), "limits": res.get("limits"),
                   "notes": {k: res[k] for k in ("metadata_notes", "sdv_notes", "engine_notes")
                             if k in res}}
            if rep and "summary" in rep:
                s = rep["summary"]
                row["relsynth_report"] = s
            elif os.path.exists(os.path.join(d, "synthetic.sqlite")):
                row["relsynth_report_error"] = (rep_m or {}).get("error") or "no report.json"
                row["relsynth_report_stderr"] = (rep_m or {}).get("stderr_tail", "")[-800:]
            if sdm and sdm.get("status") == "ok":
                row["sdmetrics"] = {"quality": sdm["quality"]["overall"],
                                    **{k: v for k, v in sdm["quality"]["properties"].items()},
                                    "diagnostic": sdm["diagnostic"]["overall"],
                                    "diagnostic_properties": sdm["diagnostic"]["properties"],
                                    "sampled": sdm.get("sampled"),
                                    "tables": sdm["quality"].get("tables"),
                                    "seconds": sdm.get("seconds")}
            elif sdm or sdm_m:
                row["sdmetrics_error"] = (sdm or {}).get("error") or (sdm_m or {}).get("error")
            rows.append(row)
    # ratios against relsynth on the same dataset
    by_ds = {}
    for r in rows:
        by_ds.setdefault(r["dataset"], {})[r["system"]] = r
    for ds, systems in by_ds.items():
        rs = systems.get("relsynth")
        for name, r in systems.items():
            if name == "relsynth" or not rs:
                continue
            ratios = {}
            t_rs = total_time(rs)
            t_peer = total_time(r)
            if t_rs is not None and t_peer:
                ratios["time"] = t_rs / t_peer
            q_rs = (rs.get("sdmetrics") or {}).get("quality")
            if r.get("covered_tables"):
                # judged on the tables the peer covers: relsynth's output on the same tables
                same = load(os.path.join(work, ds, "relsynth", f"sdmetrics.{name}.json"))
                q_rs = (same or {}).get("quality", {}).get("overall") \
                    if (same or {}).get("status") == "ok" else None
                r["relsynth_quality_same_tables"] = q_rs
            q_peer = (r.get("sdmetrics") or {}).get("quality")
            if q_rs is not None and q_peer:
                ratios["quality"] = q_rs / q_peer
            goals = {}
            if name in TIME_GOAL:
                goals["time"] = None if "time" not in ratios else ratios["time"] <= TIME_GOAL[name]
                if r.get("status") == "timeout" and t_rs is not None:
                    goals["time"] = True  # the peer did not finish within the limit
            if name in QUALITY_GOAL:
                goals["quality"] = None if "quality" not in ratios else ratios["quality"] >= 1
            r["relsynth_over_peer"] = ratios
            r["goals_met"] = goals
    return rows


def total_time(r):
    if r.get("status") != "ok" or r.get("fit_s") is None or r.get("sample_s") is None:
        return None
    return r["fit_s"] + r["sample_s"]


def f(v, digits=3):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def secs(v):
    if v is None:
        return "–"
    return f"{v:.2f}" if v < 100 else f"{v:.0f}"


def markdown(rows, meta):
    out = []
    out.append(f"Peer benchmark {meta['date']}: scale 1, {meta['machine']}; limits per "
               "system and dataset as in the table (time) and the runs below (memory; the day's runs in "
               "order, a later run replacing the results of the systems and datasets it repeats)"
               + (f"; wall time of all runs {meta['run_seconds']:.0f} s" if meta.get("run_seconds")
                  else "")
               + ".")
    for inv in meta.get("invocations") or []:
        out.append(f"- run: systems {inv.get('systems')}, datasets {inv.get('datasets')}, limit "
                   f"minutes {inv.get('limit_min')}, {inv.get('mem_gb')} GB: {inv.get('seconds')} s")
    out.append("")
    out.append("Goals (issue #5): SDMetrics overall quality ≥ SDV HMA's and ≥ MOSTLY AI engine's; "
               "fit + sample time ≤ 1/20 of SDV HMA's and ≤ 1/5 of MOSTLY AI engine's. "
               "Ratios are relsynth / peer (time: fit + sample; quality: SDMetrics overall).")
    out.append("")
    out.append("| dataset | system | status | limit min | fit s | sample s | peak MB | SDM overall | shapes | "
               "pairs | cardinality | intertable | SDM diagnostic | detection AUC mean / max | "
               "integrity violations | time ratio | quality ratio | goals |")
    out.append("|" + "---|" * 18)
    footnotes = []
    for r in rows:
        s = r.get("sdmetrics") or {}
        rep = r.get("relsynth_report") or {}
        status = r["status"] or "?"
        if status != "ok":
            footnotes.append(f"{r['dataset']} / {r['system']}: {status}: {r.get('error')}")
            status = f"{status} [{len(footnotes)}]"
        if r.get("sdmetrics_error"):
            footnotes.append(f"{r['dataset']} / {r['system']}: SDMetrics failed: "
                             f"{r['sdmetrics_error']}")
        if r.get("relsynth_report_error"):
            footnotes.append(f"{r['dataset']} / {r['system']}: relsynth report failed: "
                             f"{r['relsynth_report_error']}")
        lim = r.get("limits") or {}
        limit_min = f"{lim['time_limit_s'] / 60:.0f}" if lim.get("time_limit_s") else "–"
        if r.get("covered_tables"):
            same = r.get("relsynth_quality_same_tables")
            footnotes.append(f"{r['dataset']} / {r['system']}: covers "
                             f"{', '.join(r['covered_tables'])} only; its scores are on those "
                             f"tables, and its quality ratio compares relsynth's SDMetrics "
                             f"overall on the same tables ({f(same)})")
            status = f"{status} [{len(footnotes)}]"
        auc = ("–" if not rep else
               f"{f(rep.get('detection_auc_mean'))} / {f(rep.get('detection_auc_max'))}")
        ratios = r.get("relsynth_over_peer") or {}
        goals = r.get("goals_met") or {}
        gtxt = " ".join(f"{k}:{'✓' if v else ('✗' if v is False else '?')}"
                        for k, v in goals.items()) or ""
        tr = ratios.get("time")
        out.append(
            f"| {r['dataset']} | {r['system']} | {status} | {limit_min} | {secs(r.get('fit_s'))} | "
            f"{secs(r.get('sample_s'))} | {f(r.get('peak_rss_mb'), 0)} | "
            f"{f(s.get('quality'))} | {f(s.get('Column Shapes'))} | "
            f"{f(s.get('Column Pair Trends'))} | {f(s.get('Cardinality'))} | "
            f"{f(s.get('Intertable Trends'))} | {f(s.get('diagnostic'))} | {auc} | "
            f"{rep.get('integrity_violations', '–') if rep else '–'} | "
            f"{'–' if tr is None else ('1/' + format(1 / tr, '.0f') if tr < 0.1 else format(tr, '.2f'))} | "
            f"{f(ratios.get('quality'))} | {gtxt} |")
    sampled = [f"{r['dataset']} / {r['system']}: {', '.join(r['sdmetrics']['sampled'])}"
               for r in rows if (r.get("sdmetrics") or {}).get("sampled")]
    if sampled:
        out.append("")
        out.append(f"SDMetrics scored a random sample of {meta.get('max_score_rows', 100000)} rows "
                   "of each side for: " + "; ".join(sampled) + ".")
    if footnotes:
        out.append("")
        for i, n in enumerate(footnotes, 1):
            out.append(f"[{i}] {n}")
    out.append("")
    vers = {}
    for r in rows:
        for k, v in (r.get("versions") or {}).items():
            if v:
                vers.setdefault(k, v)
    if vers:
        out.append("Versions: " + ", ".join(f"{k} {v}" for k, v in sorted(vers.items())) + ".")
    return "\n".join(out) + "\n"


def summary(args):
    rows = collect(args.work)
    import platform
    machine = f"{os.cpu_count()} cores"
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
        machine += f", {kb / 2**20:.0f} GiB"
    except (OSError, ValueError):
        pass
    meta = {"date": args.date, "machine": machine, "python": platform.python_version(),
            "limit_min": args.limit_min, "mem_gb": args.mem_gb,
            "run_seconds": args.run_seconds, "max_score_rows": args.max_score_rows}
    invocations = []
    inv_path = os.path.join(args.work, "invocations.jsonl")
    if os.path.exists(inv_path):
        with open(inv_path) as fh:
            invocations = [json.loads(line) for line in fh if line.strip()]
    if invocations:
        meta["invocations"] = invocations
        meta["run_seconds"] = sum(i.get("seconds") or 0 for i in invocations)
    doc = {"benchmark": "peers", **meta, "rows": rows}
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(doc, fh, indent=1, default=str)
    md = markdown(rows, meta)
    if args.md:
        with open(args.md, "w") as fh:
            fh.write(md)
    else:
        sys.stdout.write(md)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("relsynth-result")
    a.add_argument("dir")
    a.add_argument("binary")
    b = sub.add_parser("summary")
    b.add_argument("work")
    b.add_argument("--date", required=True)
    b.add_argument("--json")
    b.add_argument("--md")
    b.add_argument("--run-seconds", type=float)
    b.add_argument("--limit-min", type=float, default=30)
    b.add_argument("--mem-gb", type=float, default=16)
    b.add_argument("--max-score-rows", type=int, default=100000)
    b.add_argument("--relsynth")
    args = ap.parse_args()
    if args.cmd == "relsynth-result":
        relsynth_result(args.dir, args.binary)
    else:
        summary(args)


if __name__ == "__main__":
    main()
