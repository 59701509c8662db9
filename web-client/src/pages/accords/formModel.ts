// The accord form's state and its conversion to and from the API's `Content`. Rows carry a local
// `uid` so that projects name their owners and indicators their project by row, whatever keys
// are typed meanwhile; keys are made from the names until someone edits a key by hand.
import type { FieldErrors, Schemas } from '../../api/client';
import type { Locale } from '../../i18n';

type Content = Schemas['Content'];

export interface PartyRow {
  uid: number;
  key: string;
  keyTouched: boolean;
  kind: string;
  name: string;
  /** The organisation's actor id, or ''. */
  organization: string;
  /** A person's username (or actor id), for a volunteer signing for themself; or ''. */
  person: string;
}

export interface ProjectRow {
  uid: number;
  key: string;
  keyTouched: boolean;
  kind: string;
  title: string;
  description: string;
  /** Euros as typed: "1.250,50", "1250.5", "1250". */
  budget: string;
  owners: number[];
}

export interface IndicatorRow {
  uid: number;
  key: string;
  keyTouched: boolean;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  project: number | null;
}

export interface Draft {
  title: string;
  summary: string;
  text: string;
  startDate: string;
  endDate: string;
  parties: PartyRow[];
  projects: ProjectRow[];
  indicators: IndicatorRow[];
}

let nextUid = 1;
export const newUid = () => nextUid++;

export const emptyDraft = (): Draft => ({
  title: '',
  summary: '',
  text: '',
  startDate: '',
  endDate: '',
  parties: [],
  projects: [],
  indicators: [],
});

/** A key the server accepts: lower-case letters, digits and '-', at most 40, from a name. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… when another row of the same list has it already. */
export function uniqueKey(base: string, taken: string[]): string {
  if (!base) return '';
  let key = base;
  for (let n = 2; taken.includes(key); n++) {
    const suffix = `-${n}`;
    key = base.slice(0, 40 - suffix.length) + suffix;
  }
  return key;
}

/** Whole euro cents from euros as people write them; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  let s = text.replace(/[\s€]/g, '');
  if (s === '') return 0;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last one separates the cents, the other groups thousands.
    const decimal = lastComma > lastDot ? ',' : '.';
    s = s.split(decimal === ',' ? '.' : ',').join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    s = /^\d{1,3}(,\d{3})+$/.test(s) && s.split(',').length > 2 ? s.split(',').join('') : s.replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    // "1.250" or "12.500.000": Italian thousands.
    s = s.split('.').join('');
  }
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, cents = ''] = s.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

export function formatEuros(cents: number, locale: Locale): string {
  const text = (cents / 100).toFixed(2);
  return locale === 'it' ? text.replace('.', ',') : text;
}

/** A number as people write it, with a comma or a point; null when it is not one. */
export function parseNumber(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Where this instance's people live: `https://host` from `https://host/u/name`. */
export function actorBase(me: { actor_id: string; username: string }): string {
  const suffix = `/u/${me.username}`;
  return me.actor_id.endsWith(suffix) ? me.actor_id.slice(0, -suffix.length) : new URL(me.actor_id).origin;
}

export function fromContent(content: Content, locale: Locale, base: string): Draft {
  const partyUid = new Map<string, number>();
  const projectUid = new Map<string, number>();
  const parties = content.parties.map((p) => {
    const uid = newUid();
    partyUid.set(p.key, uid);
    const prefix = `${base}/u/`;
    const person = p.person ?? '';
    return {
      uid,
      key: p.key,
      keyTouched: true,
      kind: p.kind,
      name: p.name,
      organization: p.organization ?? '',
      person: person.startsWith(prefix) ? person.slice(prefix.length) : person,
    };
  });
  const projects = content.projects.map((p) => {
    const uid = newUid();
    projectUid.set(p.key, uid);
    return {
      uid,
      key: p.key,
      keyTouched: true,
      kind: p.kind,
      title: p.title,
      description: p.description ?? '',
      budget: formatEuros(p.budget_cents, locale),
      owners: (p.owners ?? []).map((k) => partyUid.get(k)).filter((u): u is number => u !== undefined),
    };
  });
  const indicators = content.indicators.map((i) => ({
    uid: newUid(),
    key: i.key,
    keyTouched: true,
    name: i.name,
    unit: i.unit,
    baseline: String(i.baseline).replace('.', locale === 'it' ? ',' : '.'),
    target: String(i.target).replace('.', locale === 'it' ? ',' : '.'),
    project: i.project ? (projectUid.get(i.project) ?? null) : null,
  }));
  return {
    title: content.title,
    summary: content.summary,
    text: content.text,
    startDate: content.start_date,
    endDate: content.end_date,
    parties,
    projects,
    indicators,
  };
}

/**
 * The content to send, or the field errors this client can tell without asking (empty dates,
 * amounts and numbers that are not numbers), named as the server names them.
 */
export function toContent(d: Draft, base: string): { content: Content } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const refuse = (field: string, code: string) => (errors[field] = [{ code, message: code }]);
  if (!d.startDate) refuse('start_date', 'required');
  if (!d.endDate) refuse('end_date', 'required');
  const partyKey = new Map(d.parties.map((p) => [p.uid, p.key]));
  const projectKey = new Map(d.projects.map((p) => [p.uid, p.key]));
  const projects = d.projects.map((p, i) => {
    const cents = parseEuros(p.budget);
    if (cents === null) refuse(`projects[${i}].budget_cents`, 'not_an_amount');
    return {
      key: p.key,
      kind: p.kind as Content['projects'][number]['kind'],
      title: p.title,
      description: p.description,
      budget_cents: cents ?? 0,
      owners: p.owners.map((u) => partyKey.get(u)).filter((k): k is string => k !== undefined),
    };
  });
  const indicators = d.indicators.map((ind, i) => {
    const baseline = parseNumber(ind.baseline);
    const target = parseNumber(ind.target);
    if (baseline === null) refuse(`indicators[${i}].baseline`, ind.baseline.trim() ? 'not_a_number' : 'required');
    if (target === null) refuse(`indicators[${i}].target`, ind.target.trim() ? 'not_a_number' : 'required');
    const project = ind.project === null ? undefined : projectKey.get(ind.project);
    return { key: ind.key, name: ind.name, unit: ind.unit, baseline: baseline ?? 0, target: target ?? 0, ...(project ? { project } : {}) };
  });
  if (Object.keys(errors).length > 0) return { errors };
  const parties = d.parties.map((p) => {
    const person = p.person.trim();
    return {
      key: p.key,
      kind: p.kind as Content['parties'][number]['kind'],
      name: p.name,
      ...(p.organization ? { organization: p.organization } : {}),
      ...(person ? { person: person.includes('://') ? person : `${base}/u/${person.replace(/^@/, '')}` } : {}),
    };
  });
  return {
    content: {
      title: d.title,
      summary: d.summary,
      text: d.text,
      start_date: d.startDate,
      end_date: d.endDate,
      parties,
      projects,
      indicators,
    },
  };
}
