#!/usr/bin/env python3
"""The ceiling of inter-table trends: what an ideal generator of parent-child pairs scores.

Takes the inter-table pairs a `relsynth report --json` lists (parent column x child column per
declared foreign key) and scores, for seeds 1-3, the source's joined rows drawn with
replacement against the source's joined rows, with the report's metrics re-implemented here
(correlation similarity; contingency similarity with numbers cut into 10 equal-width bins of
each side's own range, as SDMetrics does). An approximation of the report (which decides
continuous columns from the metadata; here: the metric it used, else floats with over 20
values), meant for the order of magnitude.

Usage: bench/intertable_ceiling.py SOURCE.sqlite REPORT.json   (bench/.venv's python: numpy)
"""
import json, sqlite3, sys, random
import numpy as np

db, report_path, seeds = sys.argv[1], sys.argv[2], [1, 2, 3]
report = json.load(open(report_path))
con = sqlite3.connect(db)

def q(n): return '"' + n.replace('"', '""') + '"'

def fks(child, parent):
    rows = con.execute(f'PRAGMA foreign_key_list({q(child)})').fetchall()
    groups = {}
    for r in rows:
        if r[2] == parent: groups.setdefault(r[0], []).append((r[3], r[4]))
    return [groups[k] for k in sorted(groups)]

def codes(values, continuous):
    if continuous:
        x = np.array([np.nan if v is None else float(v) for v in values])
        ok = ~np.isnan(x)
        if ok.sum() == 0: return np.full(len(x), -1)
        edges = np.histogram_bin_edges(x[ok], bins=10)
        c = np.digitize(x, edges); c[~ok] = -1
        return c
    m = {}
    return np.array([m.setdefault(v, len(m)) if v is not None else -1 for v in values])

def to_num(values):
    out = []
    for v in values:
        if v is None: out.append(np.nan); continue
        try: out.append(float(v))
        except ValueError:
            out.append(np.datetime64(v.replace(' ', 'T')).astype('datetime64[s]').astype(float))
    return np.array(out)

def score(a_real, b_real, a_syn, b_syn, ca, cb):
    if ca and cb:
        ar, br, as_, bs = to_num(a_real), to_num(b_real), to_num(a_syn), to_num(b_syn)
        m1 = ~np.isnan(ar) & ~np.isnan(br); m2 = ~np.isnan(as_) & ~np.isnan(bs)
        if m1.sum() < 2 or m2.sum() < 2 or ar[m1].std() == 0 or br[m1].std() == 0 or as_[m2].std() == 0 or bs[m2].std() == 0: return None
        r1 = np.corrcoef(ar[m1], br[m1])[0, 1]; r2 = np.corrcoef(as_[m2], bs[m2])[0, 1]
        return 1 - abs(r1 - r2) / 2
    xr = codes(to_num(a_real) if ca else a_real, ca); yr = codes(to_num(b_real) if cb else b_real, cb)
    xs = codes(to_num(a_syn) if ca else a_syn, ca); ys = codes(to_num(b_syn) if cb else b_syn, cb)
    if not ca:  # shared codes by value
        m = {}; xr = np.array([m.setdefault(v, len(m)) for v in a_real]); xs = np.array([m.setdefault(v, len(m)) for v in a_syn])
    if not cb:
        m = {}; yr = np.array([m.setdefault(v, len(m)) for v in b_real]); ys = np.array([m.setdefault(v, len(m)) for v in b_syn])
    from collections import Counter
    pr = Counter(zip(xr.tolist(), yr.tolist())); ps = Counter(zip(xs.tolist(), ys.tolist()))
    nr, ns = len(xr), len(xs)
    return 1 - 0.5 * sum(abs(pr[k] / nr - ps[k] / ns) for k in set(pr) | set(ps))

all_scores = {s: [] for s in seeds}
used = {}
for rel in report['relationships']:
    pairs = rel.get('intertable_trends') or []
    if not pairs: continue
    key = (rel['child_table'], rel['parent_table'])
    options = fks(*key)
    idx = used.get(key, 0); used[key] = idx + 1
    if idx >= len(options): continue
    fk = options[idx]
    on = ' AND '.join(f'c.{q(a)} = p.{q(b)}' for a, b in fk)
    pcols = sorted({p['column1'] for p in pairs}); ccols = sorted({p['column2'] for p in pairs})
    sel = ', '.join([f'p.{q(c)}' for c in pcols] + [f'c.{q(c)}' for c in ccols])
    rows = con.execute(f'SELECT {sel} FROM {q(key[0])} c JOIN {q(key[1])} p ON {on}').fetchall()
    if not rows: continue
    col = {('p', c): i for i, c in enumerate(pcols)}; col.update({('c', c): len(pcols) + i for i, c in enumerate(ccols)})
    for seed in seeds:
        rng = random.Random(seed)
        boot = [rows[rng.randrange(len(rows))] for _ in rows]
        for p in pairs:
            ia, ib = col[('p', p['column1'])], col[('c', p['column2'])]
            cont = lambda v: any(isinstance(x, float) for x in v if x is not None) or p['metric'] == 'CorrelationSimilarity'
            ra = [r[ia] for r in rows]; rb = [r[ib] for r in rows]
            ca = p['metric'] == 'CorrelationSimilarity' or (p.get('real_correlation') is None and cont(ra) and len(set(ra)) > 20)
            cb = p['metric'] == 'CorrelationSimilarity' or (p.get('real_correlation') is None and cont(rb) and len(set(rb)) > 20)
            sc = score(ra, rb, [r[ia] for r in boot], [r[ib] for r in boot], ca, cb)
            if sc is not None: all_scores[seed].append(sc)
print(db.split('/')[-1], 'inter-table ceiling', round(np.mean([np.mean(v) for v in all_scores.values() if v]), 3), 'pairs', len(all_scores[1]))
