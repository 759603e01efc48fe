// Small shared pieces: alerts, tables of rows, progress, status badges, durations.
import type { ComponentChildren } from 'preact';
import { ApiError } from './api';
import type { Alert, Cell, Status, TableRows } from './types';

export function Alerts({ alerts, title }: { alerts: Alert[]; title?: string }) {
  if (alerts.length === 0) return null;
  const errors = alerts.filter((a) => a.severity === 'error').length;
  return (
    <section class="alerts" aria-label={title ?? 'Validation alerts'}>
      <p class="alerts-summary">
        {errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : 'No errors'}
        {alerts.length > errors ? `, ${alerts.length - errors} warning${alerts.length - errors > 1 ? 's' : ''}` : ''}
      </p>
      <ul>
        {alerts.map((a, i) => (
          <li key={i} class={`alert alert-${a.severity}`} data-table={a.table || undefined} data-column={a.column || undefined}>
            <strong>{a.severity}</strong> {a.where && <span class="where">{a.where}: </span>}
            {a.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A failed call's message, naming the table and column the server named. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiError ? error.describe() : error instanceof Error ? error.message : String(error);
  return (
    <div class="error" role="alert">
      {text}
      {error instanceof ApiError && error.alerts.length > 0 && <Alerts alerts={error.alerts} />}
    </div>
  );
}

export function cellText(cell: Cell): string {
  if (cell === null) return 'NULL';
  return typeof cell === 'string' ? cell : String(cell);
}

export function DataTable({ data, caption }: { data: TableRows; caption?: ComponentChildren }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={`Rows of ${data.name}`}>
      <table class="rows">
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {data.columns.map((c) => (
              <th key={c.name} scope="col" title={c.sql_type ?? c.type}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} class={cell === null ? 'null' : typeof cell === 'number' ? 'num' : undefined}>
                  {cellText(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Progress({ done, total, label }: { done: number; total: number; label: string }) {
  if (total <= 0) return null;
  return <progress value={Math.min(done, total)} max={total} aria-label={label} title={`${done.toLocaleString()} of ${total.toLocaleString()}`} />;
}

export function StatusBadge({ status }: { status: Status | string }) {
  return <span class={`badge status-${status}`}>{status}</span>;
}

export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** A table's header row; an empty name is a column of buttons (named for screen readers only). */
export function Head({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col" class={c === 'Rows' || c === 'Size' ? 'num' : undefined}>
            {c || <span class="visually-hidden">Actions</span>}
          </th>
        ))}
      </tr>
    </thead>
  );
}
