// The shapes of the web API (docs/WEB_API.md). Plans are the plan file's own JSON (docs/PLANS.md).

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Treatment {
  kind: string;
  sensitive?: boolean;
  generator?: string;
  locale?: string;
  pattern?: string;
  unique?: boolean;
  keep_first?: number;
  keep_last?: number;
  mask_char?: string;
  value?: string;
  secret_env?: string;
  allow_sensitive?: boolean;
}

export interface Column {
  name: string;
  sdtype: string;
  type: string;
  sql_type?: string;
  nullable?: boolean;
  unique?: boolean;
  sdtype_reason?: string;
  treatment?: string | Treatment;
  [key: string]: Json | Treatment | undefined;
}

export interface ForeignKey {
  columns: string[];
  parent_table: string;
  parent_columns: string[];
  reason?: string;
  [key: string]: Json | undefined;
}

export interface Table {
  name: string;
  kind?: string;
  row_count?: number;
  treatment?: string;
  rows?: number | null;
  ratio?: number | null;
  primary_key: string[];
  primary_key_reason?: string;
  columns: Column[];
  foreign_keys: ForeignKey[];
  [key: string]: Json | Column[] | ForeignKey[] | undefined;
}

export interface Plan {
  relsynth_plan_version: number;
  name: string;
  source: { uri: string; null?: string; encoding?: string; [key: string]: Json | undefined };
  training: Record<string, Json>;
  generation: Record<string, Json>;
  destination: { uri: string; overwrite?: boolean; [key: string]: Json | undefined };
  report?: { html?: string; json?: string };
  metadata: { tables: Table[]; locale?: string; [key: string]: Json | Table[] | undefined };
}

export interface Alert {
  severity: 'error' | 'warning';
  where: string;
  message: string;
  table?: string;
  column?: string;
  section?: string;
}

export interface Session {
  csrf: string;
  version: string;
  root: string;
  store: string;
  max_upload_mb: number;
  token_required: boolean;
}

export interface Setting {
  name: string;
  section: string;
  key: string;
  flag: string;
  type: 'integer' | 'seed' | 'number' | 'share' | 'flag' | 'choice' | 'text';
  group: 'basic' | 'advanced';
  default: string;
  min?: number;
  max?: number;
  choices?: string[];
  range: string;
  doc: string;
}

export interface Options {
  sdtypes: string[];
  column_treatments: string[];
  table_treatments: string[];
  fake_generators: string[];
  locales: string[];
  download_formats: string[];
  destination_kinds: { kind: string; example: string }[];
}

export interface FileEntry {
  name: string;
  path: string;
  kind: 'dir' | 'file';
  size: number;
  source: string | null;
}

export interface Listing {
  root: string;
  path: string;
  parent: string | null;
  entries: FileEntry[];
}

export interface SourceTest {
  ok: boolean;
  uri: string;
  kind: string;
  tables: { name: string; columns: number }[];
}

export type Cell = null | boolean | number | string;

export interface TableRows {
  name: string;
  row_count?: number;
  total?: number;
  columns: { name: string; type: string; sql_type?: string }[];
  rows: Cell[][];
}

export type Status = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** An execution as `relsynth runs show --json` gives it (null: not there yet), with `updated` and `has_report`. */
export interface Execution {
  id: number;
  name: string;
  status: Status;
  seed: number;
  scale: number;
  rows: Record<string, number>;
  created: string;
  started: string | null;
  ended: string | null;
  seconds: number | null;
  source: string;
  destination: string;
  output: string | null;
  rows_written: number | null;
  error: string | null;
  failed_table: string | null;
  model_from: number | null;
  plan_hash: string;
  updated: string | null;
  has_report: boolean;
}

export interface Step {
  seq: number;
  name: string;
  table: string | null;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  started: string;
  ended: string | null;
  seconds: number | null;
  done: number;
  total: number;
  note: string;
}

export interface ExecutionDetail extends Execution {
  steps: Step[];
  warnings: { seq: number; step: number; text: string; time: string }[];
  tables: { name: string; step: string; status: string; done: number; total: number }[];
  plan?: Plan;
}
