// Reading and editing a plan's JSON the way the plan file means it (docs/PLANS.md, docs/METADATA.md).
import type { Alert, Column, Plan, Table, Treatment } from './types';

/** Sdtypes that are sensitive unless a column's treatment says `sensitive: false`. */
const PERSONAL = new Set(['email', 'phone', 'name', 'address', 'postal_code', 'city', 'country', 'url', 'other_pii']);

/** A copy of the plan changed by `change` (plans are small; a deep copy keeps state immutable). */
export function edit(plan: Plan, change: (draft: Plan) => void): Plan {
  const draft = structuredClone(plan);
  change(draft);
  return draft;
}

export function tableOf(plan: Plan, name: string): Table {
  const table = plan.metadata.tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return table;
}

export function columnOf(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`no column ${table.name}.${name}`);
  return column;
}

export function treatmentOf(column: Column): Treatment {
  const t = column.treatment;
  if (!t) return { kind: 'auto' };
  return typeof t === 'string' ? { kind: t } : t;
}

/** Writes a treatment back in the plan's plainest form: nothing for auto, the word alone without options. */
export function setTreatment(column: Column, treatment: Treatment) {
  const options = Object.entries(treatment).filter(([key, value]) => key !== 'kind' && value !== undefined && value !== '');
  if (treatment.kind === 'auto' && options.length === 0) delete column.treatment;
  else if (options.length === 0) column.treatment = treatment.kind;
  else column.treatment = Object.fromEntries([['kind', treatment.kind], ...options]) as unknown as Treatment;
}

export function isSensitive(column: Column): boolean {
  return treatmentOf(column).sensitive ?? PERSONAL.has(column.sdtype);
}

export const tableIncluded = (table: Table) => (table.treatment ?? 'synthesize') !== 'exclude';
export const columnIncluded = (column: Column) => treatmentOf(column).kind !== 'exclude';

/** A root table has no foreign key to another table; only roots take an exact size. */
export const isRoot = (table: Table) => table.foreign_keys.every((fk) => fk.parent_table === table.name);

/** The reason the wizard gives a key the user set; any other reason but `declared` came from inference. */
export const BY_HAND = 'set by hand';
export const isInferred = (reason: string | undefined) => !!reason && reason !== 'declared' && reason !== BY_HAND;

export type StepId = 'source' | 'data' | 'keys' | 'links' | 'treatment' | 'settings' | 'destination';

export const STEPS: { id: StepId; title: string }[] = [
  { id: 'source', title: 'Source' },
  { id: 'data', title: 'Choose data' },
  { id: 'keys', title: 'Primary keys' },
  { id: 'links', title: 'Foreign keys' },
  { id: 'treatment', title: 'Data treatment' },
  { id: 'settings', title: 'Synth settings' },
  { id: 'destination', title: 'Destination' },
];

/** The wizard step where an alert of the validator is fixed. */
export function stepOfAlert(alert: Alert): StepId {
  const text = `${alert.where} ${alert.message}`.toLowerCase();
  switch (alert.section) {
    case 'source':
      return 'source';
    case 'destination':
    case 'plan':
      return 'destination';
    case 'settings':
      return 'settings';
  }
  if (text.includes('setting ')) return 'settings';
  if (text.includes('foreign key') || text.includes('references')) return 'links';
  if (text.includes('primary key') || text.includes('primary_key')) return 'keys';
  if (text.includes('treatment') || text.includes('pattern') || text.includes('sensitive') || text.includes('rows') || text.includes('ratio'))
    return 'treatment';
  if (text.includes('destination')) return 'destination';
  return 'data';
}
