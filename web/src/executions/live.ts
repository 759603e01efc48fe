// Follows one execution: Server-Sent Events while it runs (polling when the stream fails), the
// last state otherwise.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { ExecutionDetail } from '../types';

const POLL_MS = 1000;
export const isLive = (status: string) => status === 'queued' || status === 'running';

export function useExecution(id: number, onChange: () => void) {
  const [detail, setDetail] = useState<ExecutionDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [received, setReceived] = useState(0);
  useEffect(() => {
    let closed = false;
    let source: EventSource | null = null;
    let poll: number | undefined;
    let lastStatus = '';
    const accept = (d: ExecutionDetail) => {
      if (closed) return;
      setDetail(d);
      setReceived(Date.now());
      setError(null);
      if (d.status !== lastStatus) {
        lastStatus = d.status;
        onChange();
      }
      return isLive(d.status);
    };
    const startPolling = () => {
      const tick = async () => {
        try {
          if (accept(await api.execution(id)) && !closed) poll = window.setTimeout(tick, POLL_MS);
        } catch (e) {
          if (!closed) setError(e);
        }
      };
      tick();
    };
    api.execution(id).then((d) => {
      if (!accept(d) || closed) return;
      if (typeof EventSource === 'undefined') return startPolling();
      source = new EventSource(api.eventsUrl(id));
      source.addEventListener('execution', (e) => accept(JSON.parse((e as MessageEvent).data) as ExecutionDetail));
      source.addEventListener('end', () => source?.close());
      source.onerror = () => {
        // The stream closes after `end`; otherwise fall back to polling.
        source?.close();
        if (!closed && isLive(lastStatus)) startPolling();
      };
    }, setError);
    return () => {
      closed = true;
      source?.close();
      window.clearTimeout(poll);
    };
  }, [id]);
  return { detail, error, received, setDetail };
}
