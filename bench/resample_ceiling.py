#!/usr/bin/env python3
"""The ceiling of the single-table fidelity figures: what an ideal generator would score.

An ideal generator draws rows from the real distribution itself. This stands in for it: every
table keeps its row count and key columns (primary and foreign keys, so the report can join),
and its other columns come from rows drawn with replacement from the real table, whole rows at
a time, so their joint distribution is the real one. `relsynth report` then scores this
resample against the source like a synthetic database. Column shapes and column-pair trends
show how much a table of n rows loses to sampling noise alone; inter-table and cardinality
figures mean nothing here (children no longer match their parents).

Usage: bench/resample_ceiling.py BUILD_DIR [SEED ...]   (prints a markdown table)
"""
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, '..', '..', 'shared', 'datasets'))


def resample(source, target, seed):
    rng = random.Random(seed)
    shutil.copy(source, target)
    con = sqlite3.connect(target)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        info = con.execute(f'PRAGMA table_info({quoted})').fetchall()
        columns = [r[1] for r in info]
        keys = {r[1] for r in info if r[5] > 0}
        keys |= {r[3] for r in con.execute(f'PRAGMA foreign_key_list({quoted})')}
        rows = con.execute(f'SELECT * FROM {quoted}').fetchall()
        if not rows:
            continue
        out = []
        for row in rows:
            drawn = rows[rng.randrange(len(rows))]
            out.append(tuple(row[j] if columns[j] in keys else drawn[j] for j in range(len(columns))))
        con.execute(f'DELETE FROM {quoted}')
        con.executemany(f'INSERT INTO {quoted} VALUES ({",".join("?" * len(columns))})', out)
    con.commit()
    con.close()


def mean(values):
    return f'{sum(values) / len(values):.3f}' if values else 'n/a'


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build'
    seeds = [int(s) for s in sys.argv[2:]] or [1, 2]
    print(f'Resampled real rows, mean of seeds {", ".join(map(str, seeds))}:')
    print()
    print('| dataset | column shapes | pair trends |')
    print('|---|---|---|')
    all_shapes, all_pairs = [], []
    with tempfile.TemporaryDirectory() as work:
        for name in sorted(f[:-7] for f in os.listdir(SHARED) if f.endswith('.sqlite')):
            source = os.path.join(SHARED, name + '.sqlite')
            shapes, pairs = [], []
            for seed in seeds:
                target = os.path.join(work, f'{name}.{seed}.sqlite')
                report = os.path.join(work, f'{name}.{seed}.json')
                resample(source, target, seed)
                subprocess.run([os.path.join(build, 'relsynth'), 'report', '--real', source,
                                '--synthetic', target, '--json', report, '--no-detection', '-q'],
                               check=True, stdout=subprocess.DEVNULL)
                summary = json.load(open(report))['summary']
                shapes.append(summary['column_shapes'])
                if summary['column_pair_trends'] is not None:
                    pairs.append(summary['column_pair_trends'])
            print(f'| {name} | {mean(shapes)} | {mean(pairs)} |')
            all_shapes.append(sum(shapes) / len(shapes))
            if pairs:
                all_pairs.append(sum(pairs) / len(pairs))
    print(f'| mean | {mean(all_shapes)} | {mean(all_pairs)} |')


if __name__ == '__main__':
    main()
