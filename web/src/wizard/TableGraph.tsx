// The tables and their foreign keys as a small SVG graph: parents left of their children, one
// column per depth; inferred keys dashed. The list beside it is the accessible form of the same.
import { isInferred, tableIncluded } from '../plan';
import type { Table } from '../types';

const BOX_W = 150;
const BOX_H = 28;
const GAP_X = 70;
const GAP_Y = 14;
const PAD = 12;

/** Each table's depth: 0 without parents, else one more than its deepest parent (cycles cut). */
function depths(tables: Table[]): Map<string, number> {
  const depth = new Map(tables.map((t) => [t.name, 0]));
  for (let round = 0; round < tables.length; round++) {
    let changed = false;
    for (const t of tables)
      for (const fk of t.foreign_keys) {
        if (fk.parent_table === t.name || !depth.has(fk.parent_table)) continue;
        const d = depth.get(fk.parent_table)! + 1;
        if (d > depth.get(t.name)! && d < tables.length) {
          depth.set(t.name, d);
          changed = true;
        }
      }
    if (!changed) break;
  }
  return depth;
}

export function TableGraph({ tables }: { tables: Table[] }) {
  const depth = depths(tables);
  const layers: Table[][] = [];
  for (const t of tables) (layers[depth.get(t.name)!] ??= []).push(t);
  const place = new Map<string, { x: number; y: number }>();
  layers.forEach((layer, d) =>
    layer.forEach((t, i) => place.set(t.name, { x: PAD + d * (BOX_W + GAP_X), y: PAD + i * (BOX_H + GAP_Y) })),
  );
  const width = PAD * 2 + layers.length * BOX_W + (layers.length - 1) * GAP_X;
  const height = PAD * 2 + Math.max(...layers.map((l) => l?.length ?? 0)) * (BOX_H + GAP_Y) - GAP_Y;
  const edges = tables.flatMap((t) => t.foreign_keys.map((fk) => ({ child: t.name, fk })));
  return (
    <svg
      class="graph"
      viewBox={`0 0 ${width} ${Math.max(height, BOX_H + PAD * 2)}`}
      width={width}
      role="img"
      aria-label={`${tables.length} tables linked by ${edges.length} foreign keys`}
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" class="arrow" />
        </marker>
      </defs>
      {edges.map(({ child, fk }, i) => {
        const a = place.get(child);
        const b = place.get(fk.parent_table);
        if (!a || !b) return null;
        const label = `${child}.${fk.columns.join('+')} → ${fk.parent_table}.${fk.parent_columns.join('+')}${
          isInferred(fk.reason) ? ` (inferred: ${fk.reason})` : ''
        }`;
        const cls = `edge ${isInferred(fk.reason) ? 'inferred' : ''}`;
        if (child === fk.parent_table) {
          const x = a.x + BOX_W - 20;
          return (
            <path key={i} class={cls} d={`M${x},${a.y} c0,-14 18,-14 18,0`} marker-end="url(#arrow)">
              <title>{label}</title>
            </path>
          );
        }
        const leftward = b.x < a.x;
        const x1 = leftward ? a.x : a.x + BOX_W / 2;
        const x2 = leftward ? b.x + BOX_W : b.x + BOX_W / 2;
        const y1 = a.y + BOX_H / 2 + (leftward ? 0 : BOX_H / 2);
        const y2 = b.y + BOX_H / 2 + (leftward ? 0 : -BOX_H / 2);
        const bend = leftward ? (x1 - x2) / 2 : 0;
        return (
          <path key={i} class={cls} d={`M${x1},${y1} C${x1 - bend},${y1} ${x2 + bend},${y2} ${x2},${y2}`} marker-end="url(#arrow)">
            <title>{label}</title>
          </path>
        );
      })}
      {tables.map((t) => {
        const p = place.get(t.name)!;
        return (
          <g key={t.name} class={`node ${tableIncluded(t) ? '' : 'excluded'}`}>
            <rect x={p.x} y={p.y} width={BOX_W} height={BOX_H} rx={5} />
            <text x={p.x + BOX_W / 2} y={p.y + BOX_H / 2 + 4} text-anchor="middle">
              {t.name.length > 20 ? `${t.name.slice(0, 19)}…` : t.name}
            </text>
            <title>{`${t.name}: ${(t.row_count ?? 0).toLocaleString()} rows`}</title>
          </g>
        );
      })}
    </svg>
  );
}
