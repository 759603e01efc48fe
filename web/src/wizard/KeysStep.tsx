// Step 3: each table's primary key (several columns make a composite key; none is allowed).
import { BY_HAND, isInferred, tableIncluded, tableOf } from '../plan';
import type { StepProps } from './Wizard';

export function KeysStep({ plan, update }: StepProps) {
  const toggle = (table: string, column: string, on: boolean) =>
    update((p) => {
      const t = tableOf(p, table);
      const chosen = new Set(t.primary_key.filter((c) => c !== column));
      if (on) chosen.add(column);
      // Key columns keep the table's column order; a hand-set key is no longer inferred.
      t.primary_key = t.columns.map((c) => c.name).filter((c) => chosen.has(c));
      t.primary_key_reason = BY_HAND;
    });
  return (
    <div class="cards">
      <p class="wide">Tick the columns of each table's primary key. Keys are generated anew in the output; foreign keys follow them.</p>
      {plan.metadata.tables.filter(tableIncluded).map((t) => (
        <fieldset key={t.name} class="card">
          <legend>{t.name}</legend>
          <p class="muted">
            {t.primary_key.length === 0
              ? 'No primary key'
              : `Key: ${t.primary_key.join(' + ')}${isInferred(t.primary_key_reason) ? ` — inferred (${t.primary_key_reason})` : ''}`}
          </p>
          {t.columns.map((c) => (
            <label key={c.name} class="check">
              <input type="checkbox" checked={t.primary_key.includes(c.name)} onChange={(e) => toggle(t.name, c.name, e.currentTarget.checked)} />{' '}
              {c.name} <span class="muted">{c.type}</span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}
