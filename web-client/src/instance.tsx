// The instance's name, colour and default language (GET /api/v1/instance), loaded once at start.
// Nothing waits for it: until it arrives the header shows the default name and the kit's colour.
// The last answer is kept in localStorage so that a later visit starts with the right name and
// colour instead of flashing the defaults; the fresh answer replaces it.
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { api, call, type Schemas } from './api/client';
import type { Locale } from './i18n';
import { applyTheme } from './theme';

export interface Instance {
  /** The instance's name; null until known (the client then shows its own default name). */
  name: string | null;
  /** `#rrggbb`, or null for the kit's blue. */
  themeColor: string | null;
  /** The language for people who chose none and whose browser prefers neither Italian nor English. */
  defaultLocale: Locale;
}

const CACHE_KEY = 'comune.instance';
const DEFAULT: Instance = { name: null, themeColor: null, defaultLocale: 'it' };

function fromApi(out: Schemas['InstanceOut']): Instance {
  return {
    name: out.name.trim() || null,
    themeColor: out.theme_color ?? null,
    defaultLocale: out.default_locale === 'en' ? 'en' : 'it',
  };
}

function cached(): Instance {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return DEFAULT;
    const v = JSON.parse(raw) as Partial<Instance>;
    return {
      name: typeof v.name === 'string' && v.name ? v.name : null,
      themeColor: typeof v.themeColor === 'string' ? v.themeColor : null,
      defaultLocale: v.defaultLocale === 'en' ? 'en' : 'it',
    };
  } catch {
    return DEFAULT;
  }
}

function store(instance: Instance) {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(instance));
  } catch {
    // Storage off: the next visit starts from the defaults again.
  }
}

const start = cached();
// Before the first render, so the header never shows the wrong colour on a later visit.
applyTheme(start.themeColor);

/** One request per page load, shared (StrictMode runs effects twice in development). */
let request: Promise<Instance> | null = null;
function load(): Promise<Instance> {
  request ??= call(api.GET('/api/v1/instance')).then(fromApi);
  return request;
}

const Context = createContext<Instance | null>(null);

export function InstanceProvider({ children }: { children: ReactNode }) {
  const [instance, setInstance] = useState<Instance>(start);
  useEffect(() => {
    let live = true;
    load().then(
      (fresh) => {
        store(fresh);
        if (live) setInstance(fresh);
      },
      () => {
        // Unreachable or refused: keep what we have; the next page load asks again.
        request = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => applyTheme(instance.themeColor), [instance.themeColor]);
  return <Context.Provider value={instance}>{children}</Context.Provider>;
}

export function useInstance(): Instance {
  const value = useContext(Context);
  if (!value) throw new Error('useInstance outside InstanceProvider');
  return value;
}
