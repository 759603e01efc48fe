// One execution: its timeline (live while it runs), per-table progress, warnings, cancel,
// rename, re-run, delete, the quality report, previews of the output and downloads.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { navigate } from '../router';
import type { ExecutionDetail, TableRows } from '../types';
import { DataTable, duration, Head, ErrorMessage, Progress, StatusBadge, when } from '../ui';
import { isLive, useExecution } from './live';

const FORMATS = ['csv', 'tsv', 'xlsx', 'ods', 'parquet', 'zip', 'sqlite'];
const PREVIEW_ROWS = 20;

function useTicker(on: boolean) {
  const [, setNow] = useState(0);
  useEffect(() => {
    if (!on) return;
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, [on]);
}

function Timeline({ detail, received }: { detail: ExecutionDetail; received: number }) {
  const live = isLive(detail.status);
  useTicker(live);
  const extra = (s: { status: string }) => (live && s.status === 'running' ? (Date.now() - received) / 1000 : 0);
  return (
    <details open={live || detail.status === 'failed' || detail.status === 'cancelled'} class="timeline-box">
      <summary>
        <h3 id="timeline-heading">Timeline</h3>{' '}
        <span class="muted">
          {detail.steps.length} steps, {duration(detail.seconds ?? 0)}
        </span>
      </summary>
      {detail.steps.length === 0 ? (
        <p class="muted">{detail.status === 'queued' ? 'Waiting for a worker…' : 'No steps recorded.'}</p>
      ) : (
        <ol class="timeline">
          {detail.steps.map((s) => (
            <li key={s.seq} class={`step-${s.status}`}>
              <span class="dot" aria-hidden="true" />
              <span class="step-name">{s.name}</span>
              <StatusBadge status={s.status} />
              <span class="muted">{duration((s.seconds ?? 0) + extra(s))}</span>
              <Progress done={s.status === 'done' ? s.total : s.done} total={s.total} label={`${s.name} progress`} />
              {s.note && <span class="note">{s.note}</span>}
            </li>
          ))}
        </ol>
      )}
      {detail.tables.length > 0 && (
        <table class="list">
          <caption>Per table</caption>
          <Head columns={['Table', 'Step', 'Status', 'Progress']} />
          <tbody>
            {detail.tables.map((t) => (
              <tr key={t.name}>
                <td>{t.name}</td>
                <td>{t.step}</td>
                <td>
                  <StatusBadge status={t.status} />
                </td>
                <td>
                  <Progress done={t.done} total={t.total} label={`${t.name} progress`} />{' '}
                  {t.total > 0 && <span class="muted small">{`${t.done.toLocaleString()} / ${t.total.toLocaleString()}`}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function Output({ id }: { id: number }) {
  const [tables, setTables] = useState<{ name: string; rows: number }[] | null>(null);
  const [table, setTable] = useState('');
  const [offset, setOffset] = useState(0);
  const [rows, setRows] = useState<TableRows | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [format, setFormat] = useState('xlsx');
  useEffect(() => {
    api.output(id).then((o) => {
      setTables(o.tables);
      setTable(o.tables[0]?.name ?? '');
    }, setError);
  }, [id]);
  useEffect(() => {
    if (!table) return;
    // The server reads only the page's rows, so paging through millions of rows stays quick.
    api.outputRows(id, table, PREVIEW_ROWS, offset).then(setRows, setError);
  }, [id, table, offset]);
  const total = rows?.total ?? 0;
  return (
    <section aria-labelledby="output-heading">
      <h3 id="output-heading">Synthetic data</h3>
      <ErrorMessage error={error} />
      <div class="actions">
        <label for="download-format">Download as</label>
        <select id="download-format" value={format} onChange={(e) => setFormat(e.currentTarget.value)}>
          {FORMATS.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        <a class="button" href={api.downloadUrl(id, format)} download>
          Download
        </a>
      </div>
      {tables && (
        <>
          <div class="actions">
            <label for="output-table">Preview table</label>
            <select id="output-table" value={table} onChange={(e) => (setRows(null), setOffset(0), setTable(e.currentTarget.value))}>
              {tables.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name} ({t.rows.toLocaleString()} rows)
                </option>
              ))}
            </select>
          </div>
          {rows && (
            <>
              <DataTable
                data={rows}
                caption={`${table}: rows ${rows.rows.length ? (offset + 1).toLocaleString() : 0}–${(offset + rows.rows.length).toLocaleString()} of ${total.toLocaleString()}`}
              />
              <div class="actions">
                <button type="button" class="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PREVIEW_ROWS))}>
                  Previous rows
                </button>
                <button type="button" class="secondary" disabled={offset + PREVIEW_ROWS >= total} onClick={() => setOffset(offset + PREVIEW_ROWS)}>
                  Next rows
                </button>
                <button type="button" class="secondary" disabled={offset + PREVIEW_ROWS >= total} onClick={() => setOffset(Math.max(0, Math.ceil(total / PREVIEW_ROWS - 1) * PREVIEW_ROWS))}>
                  Last rows
                </button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}

function Rename({ id, name, done }: { id: number; name: string; done: () => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const [error, setError] = useState<unknown>(null);
  if (!editing)
    return (
      <button type="button" class="secondary" onClick={() => (setValue(name), setEditing(true))}>
        Rename
      </button>
    );
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api.rename(id, value);
      setEditing(false);
      done();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="inline" onSubmit={save}>
      <label for="rename-input">New name</label>
      <input id="rename-input" value={value} onInput={(e) => setValue(e.currentTarget.value)} autoFocus />
      <button type="submit">Save name</button>
      <button type="button" class="secondary" onClick={() => setEditing(false)}>
        Keep
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}

function Rerun({ detail, started }: { detail: ExecutionDetail; started: (id: number) => void }) {
  const [seed, setSeed] = useState(String(detail.seed + 1));
  const [scale, setScale] = useState(String(detail.scale));
  const [error, setError] = useState<unknown>(null);
  const go = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      started((await api.rerun(detail.id, { seed: Number(seed), scale: Number(scale) })).id);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form class="inline rerun" onSubmit={go} aria-label="Re-run">
      <label for="rerun-seed">Seed</label>
      <input id="rerun-seed" class="short" inputMode="numeric" value={seed} onInput={(e) => setSeed(e.currentTarget.value)} />
      <label for="rerun-scale">Scale</label>
      <input id="rerun-scale" class="short" inputMode="decimal" value={scale} onInput={(e) => setScale(e.currentTarget.value)} />
      <button type="submit">Re-run</button>
      <ErrorMessage error={error} />
    </form>
  );
}

export function Detail({ id, changed }: { id: number; changed: () => void }) {
  const { detail, error, received, reload } = useExecution(id, changed);
  const [actionError, setActionError] = useState<unknown>(null);
  useTicker(!!detail && isLive(detail.status));
  if (!detail) return error ? <ErrorMessage error={error} /> : <p>Loading…</p>;
  const live = isLive(detail.status);
  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
      changed();
    } catch (e) {
      setActionError(e);
    }
  };
  const elapsed = (detail.seconds ?? 0) + (live && detail.status === 'running' ? (Date.now() - received) / 1000 : 0);
  return (
    <article class="detail" aria-labelledby="execution-heading">
      <header>
        <h2 id="execution-heading">
          {detail.name} <span class="muted">#{detail.id}</span> <StatusBadge status={detail.status} />
        </h2>
        <p class="facts">
          <span>Elapsed {duration(elapsed)}</span>
          <span>seed {detail.seed}</span>
          <span>scale {detail.scale}</span>
          <span>
            {detail.source} → {detail.destination}
          </span>
          {detail.model_from != null && <span>reused the model of execution {detail.model_from}</span>}
          {detail.rows_written != null && <span>{detail.rows_written.toLocaleString()} rows written</span>}
          <span>created {when(detail.created)}</span>
        </p>
        <div class="actions">
          {live && (
            <button type="button" class="danger" onClick={() => act(() => api.cancel(id))}>
              Cancel
            </button>
          )}
          <Rename id={id} name={detail.name} done={() => (changed(), reload())} />
          {!live && (
            <button
              type="button"
              class="danger"
              onClick={() => confirm(`Delete execution ${detail.id} (${detail.name}) and its files?`) && act(async () => {
                await api.remove(id);
                navigate('/executions');
              })}
            >
              Delete
            </button>
          )}
        </div>
        {!live && <Rerun detail={detail} started={(n) => (changed(), navigate(`/executions/${n}`))} />}
        <ErrorMessage error={actionError} />
      </header>
      {detail.error && (
        <div class="error" role="alert">
          {detail.status === 'cancelled' ? 'Cancelled' : 'Failed'}
          {detail.failed_table && ` at table "${detail.failed_table}"`}: {detail.error}
        </div>
      )}
      <Timeline detail={detail} received={received} />
      {detail.warnings.length > 0 && (
        <section aria-labelledby="warnings-heading">
          <h3 id="warnings-heading">Warnings</h3>
          <ul class="warnings">
            {detail.warnings.map((w) => (
              <li key={w.seq} class="alert alert-warning">
                {w.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.status === 'succeeded' && (
        <>
          {detail.has_report && (
            <section aria-labelledby="report-heading">
              <h3 id="report-heading">
                Quality report{' '}
                <a class="small" href={api.reportUrl(id)} target="_blank" rel="noopener">
                  open in a new tab
                </a>
              </h3>
              <iframe class="report" src={api.reportUrl(id)} title={`Quality report of ${detail.name}`} sandbox="allow-scripts" />
            </section>
          )}
          <Output id={id} />
        </>
      )}
    </article>
  );
}
