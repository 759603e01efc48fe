// Follows one execution: Server-Sent Events while it runs, with a poll whenever the stream has
// been quiet for a while (a dropped or buffered stream cannot leave the page stale); `reload`
// after a change the page made itself (a rename).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import type { ExecutionDetail } from '../types';

const QUIET_MS = 3000;
export const isLive = (status: string) => status === 'queued' || status === 'running';

export function useExecution(id: number, onStatus: () => void) {
  const [detail, setDetail] = useState<ExecutionDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [received, setReceived] = useState(0);
  const accept = useRef<(d: ExecutionDetail) => void>(() => {});
  useEffect(() => {
    let closed = false;
    let source: EventSource | null = null;
    let status = '';
    let last = 0;
    accept.current = (d) => {
      if (closed) return;
      last = Date.now();
      setDetail(d);
      setReceived(last);
      setError(null);
      if (d.status !== status) {
        status = d.status;
        onStatus();
      }
      if (!isLive(d.status)) source?.close();
    };
    const fetchNow = () => api.execution(id).then((d) => accept.current(d), (e) => !closed && setError(e));
    const watchdog = window.setInterval(() => {
      if (isLive(status) && Date.now() - last > QUIET_MS) fetchNow();
    }, QUIET_MS);
    fetchNow().then(() => {
      if (closed || !isLive(status) || typeof EventSource === 'undefined') return;
      source = new EventSource(api.eventsUrl(id));
      source.addEventListener('execution', (e) => accept.current(JSON.parse((e as MessageEvent).data) as ExecutionDetail));
      source.addEventListener('end', () => source?.close());
      // EventSource reconnects by itself; the watchdog polls meanwhile.
    });
    return () => {
      closed = true;
      source?.close();
      window.clearInterval(watchdog);
    };
  }, [id]);
  const reload = () => api.execution(id).then((d) => accept.current(d), setError);
  return { detail, error, received, reload };
}
