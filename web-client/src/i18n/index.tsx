import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { it, type MessageKey } from './it';
import { en } from './en';
import { useInstance } from '../instance';

export type Locale = 'it' | 'en';
export const LOCALES: Locale[] = ['it', 'en'];
const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { it, en };
const STORAGE_KEY = 'comune.locale';

/** The saved choice, else the browser's first supported language; null when there is neither. */
export function chosenLocale(): Locale | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'it' || saved === 'en') return saved;
  } catch {
    // Storage may be off (private mode): fall through.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'it' || base === 'en') return base;
  }
  return null;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Keys with `.one` and `.other` forms, chosen by the count's plural category. */
type PluralBase = MessageKey extends infer K
  ? K extends `${infer B}.one`
    ? B
    : never
  : never;

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: Translate;
  /** `{count}` of something, in the right plural form: "1 commento", "2 commenti". */
  plural: (base: PluralBase, count: number) => string;
  /** A date and time in the reader's language, e.g. "23 novembre 2026, 14:05". */
  formatDate: (iso: string) => string;
  formatNumber: (n: number) => string;
}

const Context = createContext<I18n | null>(null);

/**
 * The language: the person's choice (the switch, kept in localStorage), else the browser's first of
 * Italian or English, else the instance's default (Italian until the instance is known).
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState<Locale | null>(chosenLocale);
  const fallback = useInstance().defaultLocale;
  const locale = chosen ?? fallback;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    setChosen(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Not saved: the choice lasts for this visit.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[locale];
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
    const numbers = new Intl.NumberFormat(locale);
    const t: Translate = (key, vars) => {
      let text: string = dict[key] ?? it[key] ?? key;
      if (vars) {
        for (const [name, v] of Object.entries(vars)) {
          text = text.split(`{${name}}`).join(typeof v === 'number' ? numbers.format(v) : v);
        }
      }
      return text;
    };
    const rules = new Intl.PluralRules(locale);
    return {
      locale,
      setLocale,
      t,
      plural: (base, count) =>
        t(`${base}.${rules.select(count) === 'one' ? 'one' : 'other'}` as MessageKey, { count }),
      formatDate: (iso) => {
        const d = new Date(iso);
        return Number.isNaN(d.getTime()) ? iso : dates.format(d);
      },
      formatNumber: (n) => numbers.format(n),
    };
  }, [locale, setLocale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
