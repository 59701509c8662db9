import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { ErrorState, LoadMore, Loading, PagedStates } from '../components/States';
import { Trail } from '../components/Trail';
import { actionLabel } from '../components/ModAction';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';

type Entry = Schemas['LogEntryView'];

/** The public moderation log of a community: every decision, who took it and why. */
export default function ModLog() {
  const { slug = '' } = useParams();
  const { t, formatDate } = useI18n();
  const [community, retry] = useLoad(
    () => call(api.GET('/api/v1/communities/{slug}', { params: { path: { slug } } })),
    [slug],
  );
  useTitle(community.state === 'ready' ? t('modlog.titleOf', { name: community.data.name }) : null);
  const list = usePaged(
    (cursor) =>
      call(api.GET('/api/v1/communities/{slug}/modlog', { params: { path: { slug }, query: { limit: 20, cursor } } })),
    [slug],
  );
  const { items } = list;

  if (community.state === 'loading') return <Loading />;
  if (community.state === 'error') return <ErrorState failure={community.failure} retry={retry} />;
  const c = community.data;
  return (
    <>
      <Trail items={[{ label: c.name, to: `/c/${slug}` }, { label: t('modlog.title') }]} />
      <h1>{t('modlog.titleOf', { name: c.name })}</h1>
      <p className="lead">{t('modlog.intro')}</p>
      <PagedStates list={list} empty={t('modlog.empty')} />
      {items.length > 0 && (
        <ul className="list-unstyled">
          {items.map((e) => (
            <li key={e.id} className="card card-bg mb-3 p-3 modlog-entry">
              <p className="mb-1 fw-semibold">
                {actionLabel(t, e.action)}: <Target entry={e} />
              </p>
              <p className="mb-1">{t('modlog.reason', { reason: e.reason })}</p>
              <p className="mb-0 small">
                {t('modlog.by', { moderator: e.moderator, date: formatDate(e.created_at) })}
                {e.expires_at && ` · ${t('modlog.until', { date: formatDate(e.expires_at) })}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </>
  );
}

function Target({ entry }: { entry: Entry }) {
  const { t } = useI18n();
  // A removed post is no longer shown to readers: no link to it.
  if (entry.target_kind === 'post' && entry.action !== 'remove') {
    return <Link to={`/posts/${entry.target_id}`}>{t('mod.target.post')}</Link>;
  }
  if (entry.target_kind === 'post') return <>{t('mod.target.post')}</>;
  if (entry.target_kind === 'comment') return <>{t('mod.target.comment')}</>;
  return <>{t('mod.target.accountNamed', { name: entry.target_id })}</>;
}
