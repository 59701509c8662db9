import { useEffect, useState } from 'react';
import { api, call, failure, isFailure, type Failure } from '../../api/client';
import { verifyBundle, type Report } from '../../accords/verify';

export type BundleCheck =
  | { state: 'checking' }
  | { state: 'done'; report: Report; bundle: unknown }
  | { state: 'error'; failure: Failure };

/**
 * Fetches the accord's bundle and checks it here, with this client's own code: what the page
 * then calls "verified in your browser" rests on that check, not on anything the server says.
 * `round` runs it again (after a signature).
 */
export function useBundleCheck(id: string, round: unknown): BundleCheck {
  const [check, setCheck] = useState<BundleCheck>({ state: 'checking' });
  useEffect(() => {
    let live = true;
    setCheck({ state: 'checking' });
    (async () => {
      const bundle = await call(api.GET('/api/v1/accords/{id}/bundle', { params: { path: { id } } }));
      // Checked as whatever JSON arrived: the generated type is not trusted to hold.
      return { report: await verifyBundle(bundle as unknown), bundle: bundle as unknown };
    })().then(
      ({ report, bundle }) => live && setCheck({ state: 'done', report, bundle }),
      (e: unknown) => live && setCheck({ state: 'error', failure: isFailure(e) ? e : failure(null) }),
    );
    return () => {
      live = false;
    };
  }, [id, round]);
  return check;
}
