// The typed API client (openapi-fetch over the generated types) and the session's tokens.
//
// Tokens: the access token (a JWT valid ~15 minutes) lives only in memory, so no script or other
// tab can read it from storage. The refresh token is kept in sessionStorage: it survives a reload
// of this tab but ends with the tab, and each tab has its own session, so two tabs never race to
// use one single-use refresh token. Before each request the access token is renewed when it is
// about to expire; one refresh runs at a time.
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

const REFRESH_KEY = 'comune.refresh';
/** Renew this long before the access token expires. */
const MARGIN_MS = 60_000;

let access: { token: string; expiresAt: number } | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function storedRefresh(): string | null {
  try {
    return sessionStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function storeRefresh(token: string | null) {
  try {
    if (token) sessionStorage.setItem(REFRESH_KEY, token);
    else sessionStorage.removeItem(REFRESH_KEY);
  } catch {
    // Storage off: the session lasts as long as the page.
  }
}

export const session = {
  hasSession(): boolean {
    return access !== null || storedRefresh() !== null;
  },
  set(tokens: Schemas['Tokens']) {
    access = { token: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000 };
    storeRefresh(tokens.refresh_token);
    listeners.forEach((l) => l());
  },
  clear() {
    access = null;
    storeRefresh(null);
    listeners.forEach((l) => l());
  },
  refreshToken: storedRefresh,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Exchanges the refresh token for a new pair; false (and signed out) when it is refused. */
  refresh(): Promise<boolean> {
    if (refreshing) return refreshing;
    const token = storedRefresh();
    if (!token) return Promise.resolve(false);
    refreshing = (async () => {
      try {
        const res = await fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refresh_token: token }),
        });
        if (!res.ok) {
          // Refused (expired, revoked, reused): the session is over. A network failure keeps it.
          if (res.status === 400 || res.status === 401) session.clear();
          return false;
        }
        session.set((await res.json()) as Schemas['Tokens']);
        return true;
      } catch {
        return false;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  },
  /** A valid access token, renewed first when needed; null when signed out. */
  async accessToken(): Promise<string | null> {
    if (access && access.expiresAt - Date.now() > MARGIN_MS) return access.token;
    if (storedRefresh() && (await session.refresh()) && access) return access.token;
    return access && access.expiresAt > Date.now() ? access.token : null;
  },
};

export const api = createClient<paths>({ baseUrl: '' });

api.use({
  async onRequest({ request, schemaPath }) {
    // The refresh and login calls carry no bearer token; nor does the public instance description,
    // which then never waits for a session's refresh.
    if (schemaPath.startsWith('/api/v1/auth/') || schemaPath === '/api/v1/instance') return request;
    const token = await session.accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
});

/** Field errors of a `validation_failed` problem, by field name. */
export type FieldErrors = Record<string, Schemas['FieldErrorDoc'][]>;

/** What a failed call tells the screen: a problem document, or a network failure. */
export interface Failure {
  status: number;
  code: string;
  detail: string;
  fields: FieldErrors;
}

export function failure(error: unknown, status = 0): Failure {
  const p = (error ?? {}) as Partial<Problem>;
  return {
    status: p.status ?? status,
    code: typeof p.code === 'string' ? p.code : status === 0 ? 'network' : 'unknown',
    detail: typeof p.detail === 'string' ? p.detail : '',
    fields: (p.errors ?? {}) as FieldErrors,
  };
}

/** Runs an openapi-fetch call and gives its data or throws a `Failure`. */
export async function call<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw failure(null, 0);
  }
  if (result.error !== undefined || !result.response.ok) {
    throw failure(result.error, result.response.status);
  }
  return result.data as T;
}

export function isFailure(e: unknown): e is Failure {
  return typeof e === 'object' && e !== null && 'code' in e && 'fields' in e;
}
