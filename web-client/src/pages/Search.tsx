import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Badge, Button, Card, CardBody, CardTitle, Col, Input, Row, Select } from 'design-react-kit';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import { LoadMore, PagedStates } from '../components/States';
import { Snippet } from '../components/Snippet';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';

const KINDS = ['thread', 'comment', 'event', 'codesign', 'proposal', 'listing', 'announcement', 'accord', 'community', 'user'];
const CHANNEL_KINDS = ['dialogue', 'events', 'codesign', 'businesses', 'announcements'];
const FILTERS = ['q', 'kind', 'community', 'channel_kind', 'from', 'to'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function label(t: (k: MessageKey) => string, prefix: string, value: string) {
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}

/** A `YYYY-MM-DD` day at local midnight, as RFC 3339; `next` gives the following midnight. */
function dayStart(day: string, next = false): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return null;
  if (next) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** Search: words, filters (kind, neighbourhood, kind of channel, dates), facets and snippets. */
export default function Search() {
  const { t, plural, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Filters;
  const [draft, setDraft] = useState<Filters>(applied);
  const key = FILTERS.map((f) => applied[f]).join('\u0000');
  useEffect(() => setDraft(applied), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  useTitle(applied.q ? t('search.titleFor', { q: applied.q }) : t('search.title'));

  const communities = useLoad(
    () => call(api.GET('/api/v1/communities', { params: { query: { limit: 100 } } })),
    [],
  )[0];
  const names = new Map(
    communities.state === 'ready' ? communities.data.items.map((c) => [c.slug, c.name]) : [],
  );

  const [results, setResults] = useState<Schemas['SearchResults'] | null>(null);
  const list = usePaged(
    (cursor) =>
      call(
        api.GET('/api/v1/search', {
          params: {
            query: {
              q: applied.q || undefined,
              kind: applied.kind || undefined,
              community: applied.community || undefined,
              channel_kind: applied.channel_kind || undefined,
              from: dayStart(applied.from) ?? undefined,
              to: dayStart(applied.to, true) ?? undefined,
              limit: 20,
              cursor,
            },
          },
        }),
      ),
    [key],
    (page, cursor) => {
      if (!cursor) setResults(page);
    },
  );
  const { items, state } = list;

  const apply = (f: Filters) => {
    const p = new URLSearchParams();
    for (const name of FILTERS) if (f[name].trim()) p.set(name, f[name].trim());
    setParams(p);
  };
  const set = (name: keyof Filters) => (v: string) => setDraft((d) => ({ ...d, [name]: v }));
  const looksLikeHandle = /^@?[^\s@]+@[^\s@]+\.[^\s@]+$/.test(applied.q);

  return (
    <>
      <h1>{applied.q ? t('search.titleFor', { q: applied.q }) : t('search.title')}</h1>
      <form
        noValidate
        className="search-form mt-3 mb-4"
        aria-label={t('search.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <Row>
          <Col xs="12" lg="6">
            <Input
              id="search-q"
              type="search"
              label={t('search.words')}
              value={draft.q}
              onChange={(e) => set('q')(e.target.value)}
              infoText={t('search.wordsHint')}
            />
          </Col>
          <Col xs="12" md="6" lg="3">
            <Select id="search-kind" label={t('search.kind')} value={draft.kind} onChange={set('kind')}>
              {[
                <option key="" value="">
                  {t('search.any')}
                </option>,
                ...KINDS.map((k) => (
                  <option key={k} value={k}>
                    {label(t, 'search.kindName', k)}
                  </option>
                )),
              ]}
            </Select>
          </Col>
          <Col xs="12" md="6" lg="3">
            <Select
              id="search-community"
              label={t('search.community')}
              value={draft.community}
              onChange={set('community')}
            >
              {[
                <option key="" value="">
                  {t('search.anyCommunity')}
                </option>,
                ...[...names].map(([slug, name]) => (
                  <option key={slug} value={slug}>
                    {name}
                  </option>
                )),
              ]}
            </Select>
          </Col>
          <Col xs="12" md="6" lg="4">
            <Select
              id="search-channel-kind"
              label={t('search.channelKind')}
              value={draft.channel_kind}
              onChange={set('channel_kind')}
            >
              {[
                <option key="" value="">
                  {t('search.any')}
                </option>,
                ...CHANNEL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {label(t, 'channel.kind', k)}
                  </option>
                )),
              ]}
            </Select>
          </Col>
          <Col xs="12" md="6" lg="4">
            <Input
              id="search-from"
              type="date"
              label={t('search.from')}
              value={draft.from}
              onChange={(e) => set('from')(e.target.value)}
            />
          </Col>
          <Col xs="12" md="6" lg="4">
            <Input
              id="search-to"
              type="date"
              label={t('search.to')}
              value={draft.to}
              onChange={(e) => set('to')(e.target.value)}
            />
          </Col>
        </Row>
        <div className="d-flex flex-wrap gap-3">
          <Button type="submit" color="primary">
            {t('search.submit')}
          </Button>
          <Button type="button" color="primary" outline onClick={() => apply({ ...draft, kind: '', community: '', channel_kind: '', from: '', to: '' })}>
            {t('search.clear')}
          </Button>
        </div>
      </form>

      {looksLikeHandle && (
        <p className="alert alert-info">
          {t('search.handleHint')}{' '}
          <Link to={`/remote?q=${encodeURIComponent(applied.q)}`}>{t('search.handleLink', { q: applied.q })}</Link>
        </p>
      )}

      <Row>
        <Col xs="12" lg="3">
          {results && Number(results.total) > 0 && state !== 'loading' && (
            <aside aria-labelledby="facets-heading">
              <h2 id="facets-heading" className="h5">
                {t('search.refine')}
              </h2>
              <Facet
                title={t('search.kind')}
                counts={results.facets.kind}
                current={applied.kind}
                name={(k) => label(t, 'search.kindName', k)}
                choose={(k) => apply({ ...applied, kind: k })}
              />
              <Facet
                title={t('search.community')}
                counts={results.facets.community}
                current={applied.community}
                name={(slug) => names.get(slug) ?? slug}
                choose={(slug) => apply({ ...applied, community: slug })}
              />
            </aside>
          )}
        </Col>
        <Col xs="12" lg="9">
          <h2 className="h4" aria-live="polite">
            {state === 'loading'
              ? t('search.searching')
              : results
                ? plural('search.count', Number(results.total))
                : t('search.title')}
          </h2>
          <PagedStates list={list} empty={t('search.empty')} loadingLabel={t('search.searching')} />
          {items.length > 0 && state !== 'loading' && (
            <ol className="list-unstyled search-results">
              {items.map((hit) => (
                <li key={`${hit.kind}-${hit.id}`} className="mb-3">
                  <Card shadow="sm" rounded>
                    <CardBody>
                      <CardTitle tag="h3" className="h5">
                        <Link to={hit.url}>{hit.title || label(t, 'search.kindName', hit.kind)}</Link>
                      </CardTitle>
                      <p className="mb-2">
                        <Badge color="primary" className="me-2">
                          {label(t, 'search.kindName', hit.kind)}
                        </Badge>
                        {hit.community && (names.get(hit.community) ?? hit.community)}
                        {hit.community && ' · '}
                        {formatDate(hit.created_at)}
                      </p>
                      {hit.snippet && (
                        <p className="mb-0 search-snippet">
                          <Snippet html={hit.snippet} />
                        </p>
                      )}
                    </CardBody>
                  </Card>
                </li>
              ))}
            </ol>
          )}
          <LoadMore list={list} />
        </Col>
      </Row>
    </>
  );
}

function Facet({
  title,
  counts,
  current,
  name,
  choose,
}: {
  title: string;
  counts: Record<string, number>;
  current: string;
  name: (value: string) => string;
  choose: (value: string) => void;
}) {
  const { t, formatNumber } = useI18n();
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  return (
    <section className="mb-4">
      <h3 className="h6">{title}</h3>
      <ul className="list-unstyled facet-list">
        {current && (
          <li className="mb-1">
            <Button color="primary" outline size="xs" onClick={() => choose('')}>
              {t('search.allOf', { what: title })}
            </Button>
          </li>
        )}
        {entries.map(([value, n]) => (
          <li key={value} className="mb-1">
            <Button
              color="primary"
              outline={current !== value}
              size="xs"
              aria-pressed={current === value}
              onClick={() => choose(current === value ? '' : value)}
            >
              {name(value)} ({formatNumber(n)})
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
