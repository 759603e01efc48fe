// Step 7: where the synthetic data goes — a database (its write access checked) or files — and
// "Create", possible only when the whole plan is valid.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { STEPS, stepOfAlert } from '../plan';
import { navigate, onLink } from '../router';
import type { Alert } from '../types';
import { Alerts, ErrorMessage } from '../ui';
import type { StepProps } from './Wizard';

const DATABASES = new Set(['postgresql', 'mysql']);

/** The destination kind a URI is, by its scheme or extension. */
export function kindOf(uri: string): string {
  const scheme = /^([a-z]+):/.exec(uri)?.[1];
  if (scheme && scheme !== 'file') return scheme === 'postgres' ? 'postgresql' : scheme === 'mariadb' ? 'mysql' : scheme;
  const ext = /\.([a-z]+)$/i.exec(uri)?.[1]?.toLowerCase();
  if (ext === 'db' || ext === 'sqlite3') return 'sqlite';
  return ext ?? 'sqlite';
}

/** The same output's name in another kind: out/shop.sqlite -> csv:out/shop. */
function convert(uri: string, example: string): string {
  const bare = uri.replace(/^[a-z]+:(\/\/)?/, '').replace(/\.[a-z0-9]+$/i, '') || 'out/synthetic';
  if (/^[a-z]+:\/\//.test(example)) return example;
  const prefix = /^([a-z]+:)/.exec(example)?.[1] ?? '';
  const ext = /(\.[a-z]+)$/.exec(example)?.[1] ?? '';
  return `${prefix}${bare}${ext}`;
}

export function DestinationStep(props: StepProps & { valid: boolean; allAlerts: Alert[] }) {
  const { plan, update, valid, allAlerts } = props;
  const kinds = props.options?.destination_kinds ?? [];
  const uri = plan.destination.uri ?? '';
  const kind = kindOf(uri);
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState<string>('');
  const [runName, setRunName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const setUri = (next: string) => {
    setChecked('');
    update((p) => {
      p.destination.uri = next;
    });
  };
  const check = async () => {
    setError(null);
    setChecked('');
    try {
      const r = await api.testDestination(uri, password);
      setChecked(`Writable: ${r.uri}${r.message ? ` (${r.message})` : ''}`);
    } catch (e) {
      setError(e);
    }
  };
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const execution = await api.create(runName);
      navigate(`/executions/${execution.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const elsewhere = allAlerts.filter((a) => a.severity === 'error' && stepOfAlert(a) !== 'destination');
  return (
    <div>
      <div class="form-grid">
        <label for="plan-name">Plan name</label>
        <input id="plan-name" value={plan.name} onInput={(e) => update((p) => void (p.name = e.currentTarget.value))} />
        <label for="destination-kind">Output kind</label>
        <select id="destination-kind" value={kinds.some((k) => k.kind === kind) ? kind : ''} onChange={(e) => setUri(convert(uri, kinds.find((k) => k.kind === e.currentTarget.value)!.example))}>
          <option value="" disabled>
            (choose)
          </option>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {DATABASES.has(k.kind) ? `${k.kind} database` : k.kind === 'sqlite' ? 'SQLite file' : `${k.kind} files`}
            </option>
          ))}
        </select>
        <label for="destination-uri">Destination</label>
        <input id="destination-uri" value={uri} onInput={(e) => setUri(e.currentTarget.value)} placeholder={kinds.find((k) => k.kind === kind)?.example} spellcheck={false} />
        {DATABASES.has(kind) && (
          <>
            <label for="destination-password">Password</label>
            <input id="destination-password" type="password" autocomplete="off" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </>
        )}
        <span />
        <label class="check">
          <input type="checkbox" checked={!!plan.destination.overwrite} onChange={(e) => update((p) => void (p.destination.overwrite = e.currentTarget.checked))} /> Replace what is
          there (overwrite)
        </label>
      </div>
      <div class="actions">
        <button type="button" class="secondary" onClick={check} disabled={!uri}>
          Check write access
        </button>
        {checked && (
          <span class="ok" role="status">
            {checked}
          </span>
        )}
      </div>
      <Alerts alerts={props.alerts} />
      <section aria-labelledby="create-heading" class="create">
        <h2 id="create-heading">Create the synthetic data</h2>
        {elsewhere.length > 0 && (
          <div class="alerts">
            <p>Fix these first:</p>
            <ul>
              {elsewhere.map((a, i) => {
                const step = STEPS.find((s) => s.id === stepOfAlert(a))!;
                return (
                  <li key={i} class="alert alert-error">
                    <a href={`/wizard/${step.id}`} onClick={onLink}>
                      {step.title}
                    </a>
                    : {a.where && `${a.where}: `}
                    {a.message}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        <div class="form-grid">
          <label for="run-name">Execution name (optional)</label>
          <input id="run-name" value={runName} onInput={(e) => setRunName(e.currentTarget.value)} placeholder="run N" />
        </div>
        <div class="actions">
          <button type="button" class="primary" disabled={!valid || busy} onClick={create} aria-describedby="create-help">
            {busy ? 'Creating…' : 'Create'}
          </button>
          <small id="create-help">{valid ? 'The plan is valid.' : 'Create is possible once the plan has no errors.'}</small>
        </div>
        <ErrorMessage error={error} />
      </section>
    </div>
  );
}
