import { Link, useParams } from 'react-router';
import { Badge } from 'design-react-kit';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, LoadMore, Loading, PagedStates } from '../components/States';
import { ModActionForm, actionLabel } from '../components/ModAction';
import { SignInFirst } from '../components/SignInFirst';
import { Trail } from '../components/Trail';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';

/** A report with what it points at: a post's title, a comment's post. */
interface Item {
  report: Schemas['ReportView'];
  title: string | null;
  link: string | null;
}

async function describe(report: Schemas['ReportView']): Promise<Item> {
  try {
    if (report.target_kind === 'post') {
      const post = await call(api.GET('/api/v1/posts/{id}', { params: { path: { id: report.target_id } } }));
      return { report, title: post.title, link: `/posts/${post.id}` };
    }
    if (report.target_kind === 'comment') {
      const c = await call(api.GET('/api/v1/comments/{id}', { params: { path: { id: report.target_id } } }));
      return { report, title: c.body.slice(0, 140), link: `/posts/${c.post_id}#comment-${c.id}` };
    }
  } catch {
    // Gone or hidden meanwhile: the report is still listed.
  }
  return { report, title: report.target_kind === 'account' ? report.target_id : null, link: null };
}

/** The reports queue of a community, for its moderators: open reports and a decision for each. */
export default function ModQueue() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const { status } = useAuth();
  useTitle(t('modqueue.title'));
  if (status === 'loading') return <Loading />;
  if (status !== 'signed-in') return <SignInFirst title={t('modqueue.title')} next={`/c/${slug}/reports`} />;
  return <Queue slug={slug} />;
}

function Queue({ slug }: { slug: string }) {
  const { t, formatDate } = useI18n();
  const { say } = useNotice();
  const [community, retry] = useLoad(
    () => call(api.GET('/api/v1/communities/{slug}', { params: { path: { slug } } })),
    [slug],
  );
  const list = usePaged(async (cursor) => {
    const page = await call(
      api.GET('/api/v1/communities/{slug}/reports', { params: { path: { slug }, query: { limit: 20, cursor } } }),
    );
    return { items: await Promise.all(page.items.map(describe)), next_cursor: page.next_cursor };
  }, [slug]);
  const { items, setItems } = list;

  if (community.state === 'loading') return <Loading />;
  if (community.state === 'error') return <ErrorState failure={community.failure} retry={retry} />;
  const c = community.data;
  return (
    <>
      <Trail items={[{ label: c.name, to: `/c/${slug}` }, { label: t('modqueue.title') }]} />
      <h1>{t('modqueue.titleOf', { name: c.name })}</h1>
      <p className="lead">{t('modqueue.intro')}</p>
      <p>
        <Link to={`/c/${slug}/modlog`}>{t('community.modlog')}</Link>
      </p>
      <PagedStates list={list} empty={t('modqueue.empty')} />
      {items.length > 0 && (
        <ul className="list-unstyled">
          {items.map(({ report, title, link }) => (
            <li key={report.id} className="card card-bg mb-4 p-3">
              <h2 className="h5">
                <Badge color="primary" className="me-2">
                  {t(`mod.target.${report.target_kind}` as MessageKey)}
                </Badge>
                {link ? <Link to={link}>{title ?? t('modqueue.untitled')}</Link> : (title ?? report.target_id)}
              </h2>
              <p className="mb-1">{t('modqueue.reason', { reason: report.reason })}</p>
              <p className="small">{t('modqueue.reportedOn', { date: formatDate(report.created_at) })}</p>
              <ModActionForm
                idPrefix={`report-${report.id}`}
                target={{
                  kind: report.target_kind,
                  id: report.target_id,
                  community: report.target_kind === 'account' ? slug : undefined,
                }}
                onDone={(entry) => {
                  say(t('mod.done', { action: actionLabel(t, entry.action) }));
                  setItems((old) => old.filter((i) => i.report.id !== report.id));
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </>
  );
}
