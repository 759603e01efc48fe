// Step 5: per table synthesize / preserve / exclude and its size; per column the sensitivity
// shield and the treatment with its options (docs/PLANS.md, "Column treatments").
import { useState } from 'preact/hooks';
import { columnOf, isRoot, isSensitive, setTreatment, tableIncluded, tableOf, treatmentOf } from '../plan';
import type { Column, Table, Treatment } from '../types';
import { Head } from '../ui';
import type { StepProps } from './Wizard';

const TABLE_TREATMENTS = ['synthesize', 'preserve', 'exclude'];

type Size = 'scale' | 'rows' | 'ratio';

/** The sensitivity shield, drawn (no icon font): filled when the column is sensitive. */
function Shield({ on }: { on: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d="M8 1 L14 3.5 V8 C14 11.5 11.3 14 8 15 C4.7 14 2 11.5 2 8 V3.5 Z" fill={on ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

function TreatmentOptions({ id, t, set, generators, locales }: { id: string; t: Treatment; set: (t: Treatment) => void; generators: string[]; locales: string[] }) {
  const text = (key: keyof Treatment, label: string, placeholder = '') => (
    <label class="option">
      {label}{' '}
      <input
        id={`${id}-${key}`}
        value={(t[key] as string | undefined) ?? ''}
        placeholder={placeholder}
        onInput={(e) => set({ ...t, [key]: e.currentTarget.value || undefined })}
        spellcheck={false}
      />
    </label>
  );
  const count = (key: 'keep_first' | 'keep_last', label: string) => (
    <label class="option">
      {label}{' '}
      <input
        type="number"
        min={0}
        class="short"
        value={t[key] ?? 0}
        onInput={(e) => set({ ...t, [key]: Number(e.currentTarget.value) || undefined })}
      />
    </label>
  );
  const flag = (key: 'unique' | 'allow_sensitive', label: string) => (
    <label class="option">
      <input type="checkbox" checked={!!t[key]} onChange={(e) => set({ ...t, [key]: e.currentTarget.checked || undefined })} /> {label}
    </label>
  );
  const choice = (key: 'generator' | 'locale', label: string, values: string[]) => (
    <label class="option">
      {label}{' '}
      <select value={t[key] ?? ''} onChange={(e) => set({ ...t, [key]: e.currentTarget.value || undefined })}>
        <option value="">(default)</option>
        {values.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
    </label>
  );
  switch (t.kind) {
    case 'fake':
      return (
        <>
          {choice('generator', 'Generator', generators)}
          {choice('locale', 'Locale', locales)}
        </>
      );
    case 'pattern':
      return (
        <>
          {text('pattern', 'Pattern', '[A-Z]{3}-\\d{5}')}
          {flag('unique', 'unique')}
        </>
      );
    case 'hash':
      return text('secret_env', 'Secret variable', 'RELSYNTH_HASH_SECRET');
    case 'mask':
      return (
        <>
          {count('keep_first', 'Keep first')}
          {count('keep_last', 'Keep last')}
          {text('mask_char', 'Mask', '*')}
        </>
      );
    case 'constant':
      return text('value', 'Value');
    case 'keep':
      return flag('allow_sensitive', 'allow on a sensitive column');
  }
  return null;
}

function ColumnRow({ table, column, props }: { table: Table; column: Column; props: StepProps }) {
  const t = treatmentOf(column);
  const sensitive = isSensitive(column);
  const set = (next: Treatment) =>
    props.update((p) => {
      setTreatment(columnOf(tableOf(p, table.name), column.name), next);
    });
  const id = `t-${table.name}-${column.name}`;
  const errors = props.alerts.filter((a) => a.table === table.name && a.column === column.name);
  const synthesized = !['keep', 'exclude', 'null', 'constant'].includes(t.kind);
  return (
    <tr class={errors.some((a) => a.severity === 'error') ? 'has-error' : ''}>
      <th scope="row">
        {column.name}
        <div class="muted small">
          {column.sdtype} · {column.type}
        </div>
      </th>
      <td>
        <button
          type="button"
          class={`shield ${sensitive ? 'on' : ''}`}
          aria-pressed={sensitive}
          title={sensitive ? (synthesized ? 'Sensitive, synthesized' : 'Sensitive, not synthesized') : 'Not sensitive'}
          onClick={() => set({ ...t, sensitive: !sensitive })}
        >
          <Shield on={sensitive} />
          <span class="visually-hidden">{column.name}: </span>
          <span class="shield-text">{sensitive ? (synthesized ? 'sensitive · synthesized' : 'sensitive · not synthesized') : 'not sensitive'}</span>
        </button>
      </td>
      <td>
        <label class="visually-hidden" for={id}>
          Treatment of {table.name}.{column.name}
        </label>
        <select id={id} value={t.kind} onChange={(e) => set({ kind: e.currentTarget.value, sensitive: t.sensitive })}>
          {(props.options?.column_treatments ?? ['auto']).map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </td>
      <td>
        <div class="options">
        <TreatmentOptions
          id={id}
          t={t}
          set={set}
          generators={props.options?.fake_generators ?? []}
          locales={props.options?.locales ?? []}
        />
        {errors.map((a, i) => (
          <div key={i} class={`alert alert-${a.severity}`}>
            {a.message}
          </div>
        ))}
        </div>
      </td>
    </tr>
  );
}

function TableSize({ table, props }: { table: Table; props: StepProps }) {
  const size: Size = table.rows != null ? 'rows' : table.ratio != null ? 'ratio' : 'scale';
  const set = (kind: Size, value?: number) =>
    props.update((p) => {
      const t = tableOf(p, table.name);
      delete t.rows;
      delete t.ratio;
      if (kind === 'rows') t.rows = value ?? t.row_count ?? 0;
      if (kind === 'ratio') t.ratio = value ?? 1;
    });
  if (!isRoot(table)) return <p class="muted">Size: follows its parent tables.</p>;
  return (
    <div class="inline">
      <label for="table-size">Size</label>
      <select id="table-size" value={size} onChange={(e) => set(e.currentTarget.value as Size)}>
        <option value="scale">source rows × the scale setting</option>
        <option value="rows">exact rows</option>
        <option value="ratio">share of the source rows</option>
      </select>
      {size !== 'scale' && (
        <>
          <label for="table-size-value" class="visually-hidden">
            {size === 'rows' ? 'Rows' : 'Share of the source rows'}
          </label>
          <input
            id="table-size-value"
            type="number"
            class="short"
            min={0}
            step={size === 'rows' ? 1 : 0.1}
            value={size === 'rows' ? table.rows ?? 0 : table.ratio ?? 1}
            onInput={(e) => set(size, Number(e.currentTarget.value))}
          />
        </>
      )}
      <span class="muted">source: {(table.row_count ?? 0).toLocaleString()} rows</span>
    </div>
  );
}

export function TreatmentStep(props: StepProps) {
  const tables = props.plan.metadata.tables;
  const [selected, setSelected] = useState(tables[0]?.name ?? '');
  const table = tables.find((t) => t.name === selected) ?? tables[0];
  if (!table) return <p>The source has no tables.</p>;
  const setTable = (treatment: string) =>
    props.update((p) => {
      const t = tableOf(p, table.name);
      if (treatment === 'synthesize') delete t.treatment;
      else t.treatment = treatment;
    });
  const errorsOf = (name: string) => props.alerts.filter((a) => a.severity === 'error' && a.table === name).length;
  return (
    <div class="split">
      <nav aria-label="Tables" class="table-list">
        <ul>
          {tables.map((t) => (
            <li key={t.name}>
              <button type="button" class={`link ${t.name === table.name ? 'current' : ''}`} aria-current={t.name === table.name ? 'true' : undefined} onClick={() => setSelected(t.name)}>
                {t.name}
                {!tableIncluded(t) && <span class="muted"> (excluded)</span>}
                {t.treatment === 'preserve' && <span class="muted"> (preserved)</span>}
                {errorsOf(t.name) > 0 && <span class="badge status-failed">{errorsOf(t.name)}</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="treat-table">
        <h2 id="treat-table">{table.name}</h2>
        <fieldset class="inline">
          <legend>Table treatment</legend>
          {TABLE_TREATMENTS.map((k) => (
            <label key={k} class="radio">
              <input type="radio" name="table-treatment" value={k} checked={(table.treatment ?? 'synthesize') === k} onChange={() => setTable(k)} /> {k}
            </label>
          ))}
        </fieldset>
        {tableIncluded(table) && table.treatment !== 'preserve' && <TableSize table={table} props={props} />}
        {tableIncluded(table) && (
          <table class="list treatments">
            <Head columns={['Column', 'Sensitive', 'Treatment', 'Options']} />
            <tbody>
              {table.columns.map((c) => (
                <ColumnRow key={c.name} table={table} column={c} props={props} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
