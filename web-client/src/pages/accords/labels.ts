// The words for an accord's vocabularies (states, kinds of party and project, roles) and its
// figures (euros, days), in the reader's language.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/it';

export const STATES = [
  'draft',
  'co_design',
  'approved',
  'open_for_signature',
  'active',
  'monitoring',
  'concluded',
  'withdrawn',
] as const;
export const PARTY_KINDS = ['municipality', 'association', 'volunteer', 'business', 'school', 'consulta'] as const;
export const PROJECT_KINDS = ['community_care', 'city_care'] as const;

export function useAccordWords() {
  const { t, locale } = useI18n();
  return useMemo(() => {
    // A word we lack (a state added on the server later) shows as the server's word.
    const word = (prefix: string, value: string) => {
      const key = `${prefix}.${value}` as MessageKey;
      const text = t(key);
      return text === key ? value : text;
    };
    const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    const days = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    return {
      state: (s: string) => word('accords.state', s),
      partyKind: (k: string) => word('accords.party.kind', k),
      projectKind: (k: string) => word('accords.project.kind', k),
      role: (r: string) => word('accords.role', r),
      /** Whole euro cents as euros: 1250000 → "12.500,00 €". */
      euros: (cents: number) => euros.format(cents / 100),
      /** A calendar day (2027-01-01) in words, without a time zone shift. */
      day: (date: string) => {
        const d = new Date(`${date}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? date : days.format(d);
      },
    };
  }, [t, locale]);
}

/** Badge colour by state: in force in the primary colour, the rest grey. Words say the state. */
export function stateColor(state: string): 'primary' | 'secondary' | 'success' {
  if (state === 'open_for_signature') return 'success';
  if (state === 'active' || state === 'monitoring') return 'primary';
  return 'secondary';
}

/** The username in a local actor id (`…/u/anna` → `anna`), else the id itself. */
export function actorName(actorId: string): string {
  const m = actorId.match(/\/u\/([^/#?]+)$/);
  return m ? m[1] : actorId;
}

/** The community's slug in its actor id (`…/c/ospizio`), which a version names as its author. */
export function communitySlug(actorId: unknown): string | null {
  if (typeof actorId !== 'string') return null;
  const m = actorId.match(/\/c\/([^/#?]+)$/);
  return m ? decodeURIComponent(m[1]) : null;
}
