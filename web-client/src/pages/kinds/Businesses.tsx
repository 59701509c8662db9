import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Badge, Card, CardBody, CardTitle, Toggle } from 'design-react-kit';
import { api, call, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useLoad } from '../../components/useLoad';
import { loadWholeFeed, type Channel, type Post } from './common';
import { OfferManager } from './OfferManager';
import './kinds.css';

type Listing = Schemas['ListingOut'];
type Category = Schemas['CategoryOut'];

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Week-day names in the reader's language, Monday first. */
function useDayNames() {
  const { locale } = useI18n();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return DAYS.map((_, i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
  }, [locale]);
}

/** Today's code (`mon`...) on the listing's wall clock. */
function today(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: zone }).format(new Date()).toLowerCase().slice(0, 3);
  } catch {
    return '';
  }
}

function hoursOf(listing: Listing, day: string): string | null {
  const spans = listing.opening_hours.filter((h) => h.day === day).map((h) => `${h.opens}–${h.closes}`);
  return spans.length > 0 ? spans.join(', ') : null;
}

function categoryName(categories: Category[], code: string, locale: 'it' | 'en'): string {
  const c = categories.find((x) => x.code === code);
  return c ? (c.labels[locale] ?? c.label) : code;
}

export function OpenBadge({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  return listing.open_now ? (
    <Badge color="success">{t('biz.openNow')}</Badge>
  ) : (
    <Badge color="secondary">{t('biz.closedNow')}</Badge>
  );
}

/** The week's hours, Monday first, today marked. */
export function WeekHours({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  const names = useDayNames();
  const now = today(listing.time_zone);
  return (
    <table className="table table-sm hours-table mb-0">
      <caption className="visually-hidden">{t('biz.hours')}</caption>
      <tbody>
        {DAYS.map((d, i) => (
          <tr key={d} className={d === now ? 'fw-semibold' : undefined}>
            <th scope="row" className="fw-normal">
              {names[i]}
              {d === now && <> ({t('biz.today')})</>}
            </th>
            <td>{hoursOf(listing, d) ?? t('biz.closed')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Address, telephone, e-mail and web site, each a link where it can be one. */
export function Contacts({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  return (
    <ul className="list-unstyled mb-2 contacts">
      {listing.address && (
        <li>
          <span className="fw-semibold">{t('biz.address')}:</span> {listing.address}
        </li>
      )}
      {listing.phone && (
        <li>
          <span className="fw-semibold">{t('biz.phone')}:</span>{' '}
          <a href={`tel:${listing.phone.replace(/\s+/g, '')}`}>{listing.phone}</a>
        </li>
      )}
      {listing.email && (
        <li>
          <span className="fw-semibold">{t('biz.email')}:</span> <a href={`mailto:${listing.email}`}>{listing.email}</a>
        </li>
      )}
      {listing.website && (
        <li>
          <span className="fw-semibold">{t('biz.website')}:</span>{' '}
          <a href={listing.website} rel="noopener noreferrer" target="_blank">
            {listing.website.replace(/^https?:\/\//, '')}
          </a>
        </li>
      )}
    </ul>
  );
}

function Offers({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  if (listing.offers.length === 0) return null;
  return (
    <div className="offers mt-2">
      <p className="fw-semibold mb-1">{t('biz.offers')}</p>
      <ul className="mb-0">
        {listing.offers.map((o) => (
          <li key={o.id}>
            <span className="fw-semibold">{o.title}</span>
            {o.description && <>: {o.description}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A businesses channel: the directory by category, with the "open now" filter. */
export function Directory({ channel }: { channel: Channel }) {
  const { t, locale, plural } = useI18n();
  const { status } = useAuth();
  const [category, setCategory] = useState('');
  const [openNow, setOpenNow] = useState(false);
  const [categories] = useLoad(() => call(api.GET('/api/v1/listing-categories')), []);
  const [result, retry] = useLoad(
    () => loadWholeFeed(channel.id, { category: category || null, open_now: openNow || null }),
    [channel.id, category, openNow, status],
  );
  const cats = categories.state === 'ready' ? categories.data : [];
  const groups = useMemo(() => {
    const listings = result.state === 'ready' ? result.data.filter((p) => p.listing) : [];
    const byCode = new Map<string, Post[]>();
    for (const p of listings) byCode.set(p.listing!.category, [...(byCode.get(p.listing!.category) ?? []), p]);
    const order = cats.map((c) => c.code);
    return [...byCode.entries()]
      .sort(([a], [b]) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999))
      .map(([code, posts]) => ({ code, posts: posts.sort((a, b) => a.title.localeCompare(b.title, locale)) }));
  }, [result, cats, locale]);
  const count = groups.reduce((n, g) => n + g.posts.length, 0);

  return (
    <>
      {status === 'signed-in' && channel.can_post && (
        <p className="my-3">
          <Link className="btn btn-primary" to={`/channels/${channel.id}/new-listing`}>
            {t('author.listingCreate')}
          </Link>
        </p>
      )}
      <form className="directory-filters my-4 p-3 rounded border" onSubmit={(e) => e.preventDefault()} aria-labelledby="filters-heading">
        <h2 id="filters-heading" className="h5">
          {t('biz.filters')}
        </h2>
        <div className="select-wrapper mb-4">
          <label htmlFor="category">{t('biz.category')}</label>
          <select id="category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('biz.allCategories')}</option>
            {cats.map((c) => (
              <option key={c.code} value={c.code}>
                {c.labels[locale] ?? c.label}
              </option>
            ))}
          </select>
        </div>
        <Toggle
          id="open_now"
          label={t('biz.onlyOpen')}
          checked={openNow}
          onChange={(e) => setOpenNow(e.target.checked)}
        />
        <span id="open_nowDescription" className="visually-hidden">
          {t('biz.onlyOpenHint')}
        </span>
      </form>
      <h2>{t('biz.listings')}</h2>
      <p role="status" className="fw-semibold">
        {result.state === 'ready' ? plural('biz.found', count) : ''}
      </p>
      {result.state === 'loading' && <Loading />}
      {result.state === 'error' && <ErrorState failure={result.failure} retry={retry} />}
      {result.state === 'ready' && count === 0 && (
        <Empty>{category || openNow ? t('biz.noneMatching') : t('biz.none')}</Empty>
      )}
      {groups.map((g) => (
        <section key={g.code} aria-labelledby={`cat-${g.code}`} className="mb-4">
          <h3 id={`cat-${g.code}`} className="h4">
            {categoryName(cats, g.code, locale)}
          </h3>
          <ul className="list-unstyled">
            {g.posts.map((p) => (
              <ListingCard key={p.id} post={p} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function ListingCard({ post }: { post: Post }) {
  const { t } = useI18n();
  const listing = post.listing!;
  const todays = hoursOf(listing, today(listing.time_zone));
  return (
    <li className="mb-3 listing">
      <Card shadow="sm" rounded>
        <CardBody>
          <CardTitle tag="h4" className="h5">
            <Link to={`/posts/${post.id}`}>{post.title}</Link>
          </CardTitle>
          <p className="mb-2 d-flex flex-wrap gap-2 align-items-center">
            <OpenBadge listing={listing} />
            <span>{todays ? t('biz.todayHours', { hours: todays }) : t('biz.closedToday')}</span>
          </p>
          <Contacts listing={listing} />
          <details className="hours-details">
            <summary>{t('biz.weekHours')}</summary>
            <WeekHours listing={listing} />
          </details>
          <Offers listing={listing} />
        </CardBody>
      </Card>
    </li>
  );
}

/** The listing part of its post page. */
export function ListingDetails({ post }: { post: Post }) {
  const { t, locale } = useI18n();
  const [categories] = useLoad(() => call(api.GET('/api/v1/listing-categories')), []);
  const listing = post.listing!;
  // The offers valid today, kept fresh when the people who run the listing change them here.
  const [current, setCurrent] = useState(listing.offers);
  const cats = categories.state === 'ready' ? categories.data : [];
  return (
    <section aria-labelledby="listing-heading" className="my-4 listing-details">
      <h2 id="listing-heading" className="h4">
        {t('biz.aboutListing')}
      </h2>
      <p className="d-flex flex-wrap gap-2 align-items-center">
        <OpenBadge listing={listing} />
        <span>{categoryName(cats, listing.category, locale)}</span>
        <span>· {t('biz.by', { org: listing.organization.name })}</span>
      </p>
      <Contacts listing={listing} />
      <h3 className="h5 mt-3">{t('biz.weekHours')}</h3>
      <WeekHours listing={listing} />
      <Offers listing={{ ...listing, offers: current }} />
      <OfferManager post={post} onChanged={setCurrent} />
    </section>
  );
}
