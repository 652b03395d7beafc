import { useCallback, useEffect, useState } from 'react';

// Runs one `window.reader` call and tracks its state; `retry` runs it again.

export type CallState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

export function useReaderCall<T>(call: () => Promise<T>): CallState<T> & { retry: () => void } {
  const [state, setState] = useState<CallState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger for a retry.
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    call().then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) =>
        current &&
        setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [call, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
