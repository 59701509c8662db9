import { useCallback, useEffect, useState } from 'react';
import { isFailure, failure, type Failure } from '../api/client';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'error'; failure: Failure }
  | { state: 'ready'; data: T };

/** Loads once per change of `deps`; `reload` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [Load<T>, () => void] {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    run().then(
      (data) => live && setResult({ state: 'ready', data }),
      (e: unknown) => live && setResult({ state: 'error', failure: isFailure(e) ? e : failure(null) }),
    );
    return () => {
      live = false;
    };
  }, [run, round]);
  return [result, useCallback(() => setRound((r) => r + 1), [])];
}
