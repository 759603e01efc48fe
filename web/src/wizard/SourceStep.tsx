// Step 1: where the real data is — a file or folder under the server's --root, a database URL or
// an upload — with a connection test and a preview of each table's first rows.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { Alert, Listing, Plan, SourceTest, TableRows } from '../types';
import { Alerts, DataTable, ErrorMessage, Head, plural } from '../ui';

type Mode = 'files' | 'database' | 'upload';
const PREVIEW_ROWS = 10;

function FileBrowser({ choose }: { choose: (uri: string) => void }) {
  const [path, setPath] = useState('.');
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.files(path).then(
      (l) => {
        setListing(l);
        setError(null);
      },
      setError,
    );
  }, [path]);
  return (
    <div class="files">
      <p>
        Folder <code>{listing ? `${listing.root}/${listing.path === '.' ? '' : listing.path}` : path}</code>
        {listing?.parent != null && (
          <button type="button" class="link" onClick={() => setPath(listing.parent!)}>
            ↑ up
          </button>
        )}
      </p>
      <ErrorMessage error={error} />
      {listing && (
        <table class="list">
          <Head columns={['Name', 'Size', '']} />
          <tbody>
            {listing.entries.length === 0 && (
              <tr>
                <td colSpan={3}>Empty folder</td>
              </tr>
            )}
            {listing.entries.map((e) => (
              <tr key={e.path}>
                <td>
                  {e.kind === 'dir' ? (
                    <button type="button" class="link" onClick={() => setPath(e.path)}>
                      <span class="visually-hidden">Open folder </span>
                      {e.name}/
                    </button>
                  ) : (
                    e.name
                  )}
                </td>
                <td class="num">{e.kind === 'file' ? `${(e.size / 1024).toFixed(1)} KB` : ''}</td>
                <td>
                  {e.source && (
                    <button type="button" class="secondary" onClick={() => choose(e.source!)}>
                      Use as source<span class="visually-hidden">: {e.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Upload({ choose }: { choose: (uri: string) => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      choose((await api.upload(files, folder)).source);
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };
  return (
    <div class="form-grid">
      <label for="upload-files">Files (a SQLite file, a workbook, an archive, or several CSV/Parquet files)</label>
      <input id="upload-files" type="file" multiple onChange={(e) => setFiles([...((e.currentTarget as HTMLInputElement).files ?? [])])} />
      <label for="upload-folder">Folder name (groups several files into one source)</label>
      <input id="upload-folder" value={folder} onInput={(e) => setFolder(e.currentTarget.value)} placeholder="shop" />
      <div />
      <div>
        <button type="button" disabled={files.length === 0 || busy} onClick={send}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      <ErrorMessage error={error} />
    </div>
  );
}

export function SourceStep({ plan, replace, alerts }: { plan: Plan | null; replace: (plan: Plan) => void; alerts: Alert[] }) {
  const [mode, setMode] = useState<Mode>(plan && /^(postgres|mysql|mariadb)/.test(plan.source.uri) ? 'database' : 'files');
  const [uri, setUri] = useState(plan?.source.uri ?? '');
  const [password, setPassword] = useState('');
  const [tested, setTested] = useState<SourceTest | null>(null);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<TableRows[] | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    }
    setBusy('');
  };
  const test = () =>
    run('Testing…', async () => {
      setTested(null);
      setTested(await api.testSource(uri, password));
    });
  const start = () =>
    run('Reading the source…', async () => {
      const { plan: fresh, warnings: found } = await api.planFromSource(uri, password);
      replace(fresh);
      setWarnings(found ?? []);
      setPreview(null);
    });
  const showPreview = () =>
    run('Loading the preview…', async () => {
      setPreview((await api.previewSource(plan!.source.uri, PREVIEW_ROWS)).tables);
    });
  const choose = (chosen: string) => {
    setUri(chosen);
    setTested(null);
  };

  return (
    <div>
      <fieldset class="modes">
        <legend>Where is the real data?</legend>
        {(
          [
            ['files', 'A file or folder on the server'],
            ['database', 'A database URL'],
            ['upload', 'Upload files'],
          ] as [Mode, string][]
        ).map(([m, label]) => (
          <label key={m} class="radio">
            <input type="radio" name="source-mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {label}
          </label>
        ))}
      </fieldset>
      {mode === 'files' && <FileBrowser choose={choose} />}
      {mode === 'upload' && <Upload choose={choose} />}
      <div class="form-grid">
        <label for="source-uri">Source</label>
        <input
          id="source-uri"
          value={uri}
          onInput={(e) => choose(e.currentTarget.value)}
          placeholder={mode === 'database' ? 'postgresql://user@host:5432/db or mysql://user@host/db' : 'data/shop.sqlite or csv:data/shop'}
          aria-describedby="source-help"
          spellcheck={false}
        />
        <span />
        <small id="source-help">
          A SQLite file, csv:FOLDER, parquet:FOLDER, a workbook (.xlsx/.ods), an archive, or a PostgreSQL/MySQL URL. Paths are under the server's root.
        </small>
        {mode === 'database' && (
          <>
            <label for="source-password">Password</label>
            <input
              id="source-password"
              type="password"
              autocomplete="off"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              aria-describedby="password-help"
            />
            <span />
            <small id="password-help">Kept in the server's memory while it runs; never saved in the plan.</small>
          </>
        )}
      </div>
      <div class="actions">
        <button type="button" class="secondary" disabled={!uri || !!busy} onClick={test}>
          Test connection
        </button>
        <button type="button" disabled={!uri || !!busy} onClick={start}>
          {plan ? 'Start a new plan from this source' : 'Use this source'}
        </button>
        {busy && <span aria-live="polite">{busy}</span>}
      </div>
      <ErrorMessage error={error} />
      {tested && (
        <p class="ok" role="status">
          Connected ({tested.kind}): {plural(tested.tables.length, 'table')} — {tested.tables.map((t) => t.name).join(', ')}
        </p>
      )}
      {plan && (
        <section aria-labelledby="current-source">
          <h2 id="current-source">The plan's source</h2>
          <p>
            <code>{plan.source.uri}</code>: {plural(plan.metadata.tables.length, 'table')},{' '}
            {plan.metadata.tables.reduce((n, t) => n + (t.row_count ?? 0), 0).toLocaleString()} rows.
          </p>
          <Alerts alerts={[...warnings.map((message) => ({ severity: 'warning' as const, where: '', message })), ...alerts]} title="What reading the source found" />
          {preview === null ? (
            <button type="button" class="secondary" onClick={showPreview} disabled={!!busy}>
              Preview the first rows of each table
            </button>
          ) : (
            preview.map((t, i) => (
              <details key={t.name} class="preview" open={i === 0}>
                <summary>
                  {t.name} <span class="muted">({plural(t.row_count ?? t.rows.length, 'row')})</span>
                </summary>
                <DataTable data={t} />
              </details>
            ))
          )}
        </section>
      )}
    </div>
  );
}
