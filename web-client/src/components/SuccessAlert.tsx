import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';

/**
 * A success message ("Done: check your email"), announced politely. The kit's Alert always sets
 * role="alert" (assertive, over any role passed to it), which is for errors; this draws the same
 * green box inside a role="status" region. The region is on the page a moment before its text,
 * so screen readers announce the text when it arrives.
 */
export function SuccessAlert({ children, className }: { children: ReactNode; className?: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <div role="status">
      {ready && <div className={['alert alert-success', className].filter(Boolean).join(' ')}>{children}</div>}
    </div>
  );
}
