import type { ReactElement } from 'react';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/it';
import { useAccordWords } from './labels';

type Diff = Schemas['Diff'];
type Group = 'parties' | 'projects' | 'indicators';

/** Unchanged lines kept around each change; longer runs of them fold into one line. */
const CONTEXT = 2;

function useValueText() {
  const { t, formatNumber } = useI18n();
  const words = useAccordWords();
  return (field: string, value: unknown, group?: Group): string => {
    if (value === null || value === undefined || value === '') return t('accords.diff.empty');
    if (field === 'budget_cents' && typeof value === 'number') return words.euros(value);
    if (field === 'kind' && typeof value === 'string') {
      return group === 'projects' ? words.projectKind(value) : words.partyKind(value);
    }
    if ((field === 'start_date' || field === 'end_date') && typeof value === 'string') return words.day(value);
    if (typeof value === 'number') return formatNumber(value);
    if (Array.isArray(value)) return value.length ? value.join(', ') : t('accords.diff.empty');
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
}

function useFieldName() {
  const { t } = useI18n();
  return (field: string) => {
    const key = `accords.field.${field}` as MessageKey;
    const text = t(key);
    return text === key ? field : text;
  };
}

function FieldChanges({ changes, group }: { changes: Diff['fields']; group?: Group }) {
  const { t } = useI18n();
  const value = useValueText();
  const name = useFieldName();
  return (
    <ul className="diff-fields">
      {changes.map((c) => (
        <li key={c.field}>
          {t('accords.diff.field', {
            field: name(c.field),
            before: value(c.field, c.before, group),
            after: value(c.field, c.after, group),
          })}
        </li>
      ))}
    </ul>
  );
}

/** The text line by line: removed lines struck out, added ones underlined, each also in words. */
function TextLines({ lines }: { lines: Diff['text'] }) {
  const { t, plural } = useI18n();
  const changed = lines.map((l) => l.op !== 'equal');
  const near = (i: number) => changed.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some(Boolean);
  const out: ReactElement[] = [];
  let folded = 0;
  const flush = (i: number) => {
    if (folded > 0) {
      out.push(
        <li key={`fold-${i}`} className="diff-line diff-fold">
          <span className="diff-mark" aria-hidden="true" />
          <span>{plural('accords.diff.same', folded)}</span>
        </li>,
      );
    }
    folded = 0;
  };
  lines.forEach((l, i) => {
    if (l.op === 'equal' && !near(i)) {
      folded += 1;
      return;
    }
    flush(i);
    const text = l.text || '\u00a0';
    if (l.op === 'insert') {
      out.push(
        <li key={i} className="diff-line">
          <span className="diff-mark" aria-hidden="true">+</span>
          <ins>
            <span className="visually-hidden">{t('accords.diff.added')} </span>
            {text}
          </ins>
        </li>,
      );
    } else if (l.op === 'delete') {
      out.push(
        <li key={i} className="diff-line">
          <span className="diff-mark" aria-hidden="true">−</span>
          <del>
            <span className="visually-hidden">{t('accords.diff.removed')} </span>
            {text}
          </del>
        </li>,
      );
    } else {
      out.push(
        <li key={i} className="diff-line diff-same">
          <span className="diff-mark" aria-hidden="true" />
          <span>{text}</span>
        </li>,
      );
    }
  });
  flush(lines.length);
  if (!changed.some(Boolean)) return <p>{t('accords.diff.textSame')}</p>;
  return <ol className="list-unstyled diff-text">{out}</ol>;
}

function itemName(item: Record<string, unknown>): string {
  const name = item.name ?? item.title ?? item.key;
  return typeof name === 'string' ? name : '';
}

function ItemChanges({ group, items }: { group: Group; items: Diff['parties'] }) {
  const { t } = useI18n();
  const added = items.added as unknown as Record<string, unknown>[];
  const removed = items.removed as unknown as Record<string, unknown>[];
  if (added.length + removed.length + items.changed.length === 0) return null;
  return (
    <>
      <h4 className="h6 mt-3">{t(`accords.${group}` as MessageKey)}</h4>
      <ul className="diff-items">
        {added.map((item) => (
          <li key={`a-${String(item.key)}`}>
            <ins>{t('accords.diff.itemAdded', { name: itemName(item) })}</ins>
          </li>
        ))}
        {removed.map((item) => (
          <li key={`r-${String(item.key)}`}>
            <del>{t('accords.diff.itemRemoved', { name: itemName(item) })}</del>
          </li>
        ))}
        {items.changed.map((c) => (
          <li key={`c-${c.key}`}>
            {t('accords.diff.itemChanged', { name: c.key })}
            <FieldChanges changes={c.fields} group={group} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** What changed between two versions: fields, text lines, and items added, removed or changed. */
export function DiffView({ diff, from, to }: { diff: Diff; from: number; to: number }) {
  const { t } = useI18n();
  return (
    <div className="accord-diff" aria-live="polite">
      <h3 className="h5">{t('accords.diff.heading', { a: from, b: to })}</h3>
      {diff.fields.length > 0 && <FieldChanges changes={diff.fields} />}
      <h4 className="h6 mt-3">{t('accords.text')}</h4>
      <TextLines lines={diff.text} />
      {(['parties', 'projects', 'indicators'] as const).map((g) => (
        <ItemChanges key={g} group={g} items={diff[g]} />
      ))}
    </div>
  );
}
