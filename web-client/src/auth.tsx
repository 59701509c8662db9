import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, call, session, type Schemas } from './api/client';

type Me = Schemas['MeView'];

interface Auth {
  /** `loading` while a stored session is being resumed. */
  status: 'loading' | 'anonymous' | 'signed-in';
  me: Me | null;
  signIn: (login: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** Reloads the account (after joining or leaving a neighbourhood). */
  reload: () => Promise<void>;
  isMember: (slug: string) => boolean;
}

const Context = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<Auth['status']>(
    session.hasSession() ? 'loading' : 'anonymous',
  );

  const reload = useCallback(async () => {
    if (!session.hasSession()) {
      setMe(null);
      setStatus('anonymous');
      return;
    }
    try {
      const account = await call(api.GET('/api/v1/me'));
      setMe(account);
      setStatus('signed-in');
    } catch {
      if (!session.hasSession()) {
        setMe(null);
        setStatus('anonymous');
      } else {
        setStatus((s) => (s === 'loading' ? 'anonymous' : s));
      }
    }
  }, []);

  useEffect(() => {
    void reload();
    // Signed out elsewhere in this tab (a refused refresh): forget the account.
    return session.subscribe(() => {
      if (!session.hasSession()) {
        setMe(null);
        setStatus('anonymous');
      }
    });
  }, [reload]);

  const signIn = useCallback(async (login: string, password: string) => {
    const tokens = await call(api.POST('/api/v1/auth/login', { body: { login, password } }));
    session.set(tokens);
    const account = await call(api.GET('/api/v1/me'));
    setMe(account);
    setStatus('signed-in');
    return account;
  }, []);

  const signOut = useCallback(async () => {
    const refresh_token = session.refreshToken();
    if (refresh_token) {
      // Best effort: the session ends here whatever the server says.
      await api.POST('/api/v1/auth/logout', { body: { refresh_token } }).catch(() => undefined);
    }
    session.clear();
    setMe(null);
    setStatus('anonymous');
  }, []);

  const value = useMemo<Auth>(
    () => ({
      status,
      me,
      signIn,
      signOut,
      reload,
      isMember: (slug) => !!me?.communities.some((c) => c.slug === slug),
    }),
    [status, me, signIn, signOut, reload],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(Context);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
