import { useEffect, useState } from 'react';
import { api } from '../api/client';

// The signed-in person's count of unread notices, shared by the header badge and the
// notifications screen (which sets it after marking notices read).
let count = 0;
const listeners = new Set<(n: number) => void>();

export function setUnread(n: number) {
  count = n;
  listeners.forEach((l) => l(n));
}

/** Asks the server again; a failure keeps the last figure. */
export async function refreshUnread() {
  try {
    const { data } = await api.GET('/api/v1/notifications', {
      params: { query: { unread: true, limit: 1 } },
    });
    if (data) setUnread(Number(data.unread_count));
  } catch {
    // Offline: keep the last figure.
  }
}

/** The unread count, refreshed when `key` changes (the page) and every two minutes. */
export function useUnread(signedIn: boolean, key: string): number {
  const [n, setN] = useState(count);
  useEffect(() => {
    listeners.add(setN);
    return () => {
      listeners.delete(setN);
    };
  }, []);
  useEffect(() => {
    if (!signedIn) {
      setUnread(0);
      return;
    }
    void refreshUnread();
    const timer = window.setInterval(() => void refreshUnread(), 120_000);
    return () => window.clearInterval(timer);
  }, [signedIn, key]);
  return n;
}
