// Step 4: foreign keys — shown on the table graph, removed or added (composite allowed); the
// inferred ones say why inference chose them.
import { useState } from 'preact/hooks';
import { BY_HAND, isInferred, tableOf } from '../plan';
import type { StepProps } from './Wizard';
import { TableGraph } from './TableGraph';
import { Head } from '../ui';

function AddForeignKey({ plan, update }: StepProps) {
  const names = plan.metadata.tables.map((t) => t.name);
  const [child, setChild] = useState(names[0] ?? '');
  const [parent, setParent] = useState(names[0] ?? '');
  const parentTable = plan.metadata.tables.find((t) => t.name === parent);
  const childTable = plan.metadata.tables.find((t) => t.name === child);
  const parentKey = parentTable?.primary_key.length ? parentTable.primary_key : [parentTable?.columns[0]?.name ?? ''];
  const [pairs, setPairs] = useState<string[]>([]);
  // One child column per parent key column, in the key's order (a composite key takes several).
  const chosen = parentKey.map((_, i) => pairs[i] ?? '');
  const complete = !!childTable && !!parentTable && chosen.every((c) => c !== '');
  const add = () => {
    update((p) => {
      tableOf(p, child).foreign_keys.push({ columns: chosen, parent_table: parent, parent_columns: parentKey, reason: BY_HAND });
    });
    setPairs([]);
  };
  return (
    <fieldset class="add-fk">
      <legend>Add a foreign key</legend>
      <div class="form-grid">
        <label for="fk-child">Child table</label>
        <select id="fk-child" value={child} onChange={(e) => (setChild(e.currentTarget.value), setPairs([]))}>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        <label for="fk-parent">References table</label>
        <select id="fk-parent" value={parent} onChange={(e) => (setParent(e.currentTarget.value), setPairs([]))}>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
        {parentKey.map((parentColumn, i) => (
          <>
            <label for={`fk-column-${i}`}>
              Column of {child} → {parent}.{parentColumn}
            </label>
            <select
              id={`fk-column-${i}`}
              value={chosen[i]}
              onChange={(e) => {
                const next = [...chosen];
                next[i] = e.currentTarget.value;
                setPairs(next);
              }}
            >
              <option value="">(choose)</option>
              {childTable?.columns.map((c) => (
                <option key={c.name}>{c.name}</option>
              ))}
            </select>
          </>
        ))}
      </div>
      <button type="button" disabled={!complete} onClick={add}>
        Add foreign key
      </button>
    </fieldset>
  );
}

export function LinksStep(props: StepProps) {
  const { plan, update } = props;
  const remove = (table: string, index: number) =>
    update((p) => {
      tableOf(p, table).foreign_keys.splice(index, 1);
    });
  const keys = plan.metadata.tables.flatMap((t) => t.foreign_keys.map((fk, index) => ({ table: t.name, fk, index })));
  return (
    <div>
      <div class="graph-box">
        <TableGraph tables={plan.metadata.tables} />
        <p class="legend muted">
          Arrows point from a child table to the table it references; dashed ones were inferred from the data.
        </p>
      </div>
      <table class="list">
        <caption>{keys.length} foreign keys</caption>
        <Head columns={['Table', 'Columns', 'References', 'Why', '']} />
        <tbody>
          {keys.map(({ table, fk, index }) => (
            <tr key={`${table}-${index}`}>
              <td>{table}</td>
              <td>{fk.columns.join(', ')}</td>
              <td>
                {fk.parent_table} ({fk.parent_columns.join(', ')})
              </td>
              <td>{isInferred(fk.reason) ? <span class="badge inferred">inferred: {fk.reason}</span> : fk.reason ?? ''}</td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => remove(table, index)}
                  aria-label={`Remove the foreign key ${table}.${fk.columns.join('+')} → ${fk.parent_table}`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddForeignKey {...props} />
    </div>
  );
}
