// A small client of relsynth serve's JSON API. Every state-changing call carries the session's
// CSRF token; a refused token (the server restarted) is fetched again once.
import type { Alert, Execution, ExecutionDetail, Listing, Options, Plan, Session, Setting, SourceTest, TableRows } from './types';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly kind: string = '',
    readonly table: string = '',
    readonly column: string = '',
    readonly alerts: Alert[] = [],
  ) {
    super(message);
  }
  /** The message with the table and column it names, as the user should read it. */
  describe(): string {
    const where = [this.table && `table "${this.table}"`, this.column && `column "${this.column}"`].filter(Boolean).join(', ');
    return where && !this.message.includes(where) ? `${where}: ${this.message}` : this.message;
  }
}

let session: Session | null = null;

export async function getSession(refresh = false): Promise<Session> {
  if (!session || refresh) session = await request<Session>('GET', '/api/session');
  return session;
}

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['X-Relsynth-CSRF'] = (await getSession()).csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  let error: { message?: string; kind?: string; table?: string; column?: string; alerts?: Alert[] } = {};
  try {
    error = ((await response.json()) as { error?: typeof error }).error ?? {};
  } catch {
    error = { message: `${response.status} ${response.statusText}` };
  }
  if (response.status === 403 && !retried && (error.message ?? '').startsWith('CSRF')) {
    await getSession(true);
    return request<T>(method, path, body, true);
  }
  throw new ApiError(error.message || `${response.status} ${response.statusText}`, response.status, error.kind, error.table, error.column, error.alerts);
}

const q = encodeURIComponent;

/** An alert's table and column, read from its text when the server sent none (`table "t", column "c": ...`). */
export function locate(alert: Alert): Alert {
  if (alert.table) return alert;
  const found = /table "([^"]+)"(?:, column "([^"]+)")?/.exec(`${alert.where} ${alert.message}`);
  return found ? { ...alert, table: found[1], column: found[2] ?? '' } : alert;
}

export const api = {
  settings: () => request<{ settings: Setting[] }>('GET', '/api/settings').then((r) => r.settings),
  options: () => request<Options>('GET', '/api/options'),
  files: (path: string) => request<Listing>('GET', `/api/files?path=${q(path)}`),
  upload: (files: File[], folder: string) => {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    if (folder) form.append('folder', folder);
    return request<{ files: string[]; source: string }>('POST', '/api/uploads', form);
  },
  testSource: (uri: string, password?: string) => request<SourceTest>('POST', '/api/source/test', { uri, password: password || undefined }),
  previewSource: (uri: string, rows: number) =>
    request<{ uri: string; tables: TableRows[] }>('POST', '/api/source/preview', { uri, rows }),
  testDestination: (uri: string, password?: string) =>
    request<{ ok: boolean; uri: string; message?: string }>('POST', '/api/destination/test', { uri, password: password || undefined }),
  planFromSource: (uri: string, password?: string, destination?: string) =>
    request<{ plan: Plan; warnings: string[] }>('POST', '/api/plan/from-source', { uri, password: password || undefined, destination }),
  plan: () => request<{ plan: Plan | null }>('GET', '/api/plan').then((r) => r.plan),
  savePlan: (plan: Plan) => request<{ plan: Plan; alerts: Alert[] }>('PUT', '/api/plan', { plan }),
  validate: (plan?: Plan) =>
    request<{ valid: boolean; alerts: Alert[] }>('POST', '/api/plan/validate', { plan, check_source: true }).then((r) => ({ ...r, alerts: r.alerts.map(locate) })),
  executions: () => request<{ executions: Execution[] }>('GET', '/api/executions').then((r) => r.executions),
  execution: (id: number) => request<ExecutionDetail>('GET', `/api/executions/${id}`),
  create: (name?: string) => request<Execution>('POST', '/api/executions', { name: name || undefined }),
  rename: (id: number, name: string) => request<Execution>('PATCH', `/api/executions/${id}`, { name }),
  remove: (id: number) => request<void>('DELETE', `/api/executions/${id}`),
  cancel: (id: number) => request<Execution>('POST', `/api/executions/${id}/cancel`),
  rerun: (id: number, change: { seed?: number; scale?: number; name?: string }) =>
    request<Execution>('POST', `/api/executions/${id}/rerun`, change),
  output: (id: number) => request<{ tables: { name: string; rows: number }[] }>('GET', `/api/executions/${id}/output`),
  outputRows: (id: number, table: string, limit: number, offset: number) =>
    request<TableRows>('GET', `/api/executions/${id}/output/${q(table)}?limit=${limit}&offset=${offset}`),
  reportUrl: (id: number) => `/api/executions/${id}/report`,
  downloadUrl: (id: number, format: string) => `/api/executions/${id}/download?format=${q(format)}`,
  eventsUrl: (id: number) => `/api/executions/${id}/events`,
  planYamlUrl: () => '/api/plan/yaml',
};
