// The executions page: the history on the left, the chosen execution on the right.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { onLink } from '../router';
import type { Execution } from '../types';
import { ErrorMessage, StatusBadge, when } from '../ui';
import { Detail } from './Detail';

export function Executions({ id }: { id: number | null }) {
  const [list, setList] = useState<Execution[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api.executions().then((l) => {
      setList(l);
      setError(null);
    }, setError);
  }, [version, id]);
  const changed = () => setVersion((v) => v + 1);
  return (
    <div class="executions">
      <nav class="history" aria-labelledby="history-heading">
        <h1 id="history-heading">Executions</h1>
        <p>
          <a href="/wizard/destination" onClick={onLink}>
            + New from the plan
          </a>
        </p>
        <ErrorMessage error={error} />
        {list && list.length === 0 && <p>No executions yet.</p>}
        <ul>
          {list?.map((e) => (
            <li key={e.id}>
              <a href={`/executions/${e.id}`} onClick={onLink} aria-current={e.id === id ? 'page' : undefined} class="history-item">
                <span class="history-name">{e.name}</span> <StatusBadge status={e.status} />
                <span class="muted small">
                  #{e.id} · seed {e.seed} · scale {e.scale} · {when(e.created)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="execution">
        {id !== null ? <Detail key={id} id={id} changed={changed} /> : <p>Choose an execution from the history.</p>}
      </div>
    </div>
  );
}
