import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Badge, Button, Callout, CalloutText, CalloutTitle } from 'design-react-kit';
import { api, call } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { useNotice } from '../../components/Notice';
import { LoadMore, PagedStates } from '../../components/States';
import { Field, FormActions, FormProblem, useForm } from '../../components/Form';
import { useLoad } from '../../components/useLoad';
import { usePaged } from '../../components/usePaged';
import type { Channel, Post } from './common';
import './kinds.css';

/**
 * The municipal offices and the people who speak for them, so that an announcement can say which
 * office it comes from. The API gives only the author's name with a post (see the report's gaps).
 */
export function useOffices() {
  const [result] = useLoad(async () => {
    const page = await call(api.GET('/api/v1/organizations', { params: { query: { limit: 100 } } }));
    const offices = page.items.filter((o) => o.kind === 'municipality');
    const details = await Promise.all(
      offices.map((o) => call(api.GET('/api/v1/organizations/{slug}', { params: { path: { slug: o.slug } } }))),
    );
    const byPerson = new Map<string, string>();
    for (const o of details) {
      for (const m of o.members) if (!byPerson.has(m.username)) byPerson.set(m.username, o.name);
    }
    return { slugs: new Set(offices.map((o) => o.slug)), byPerson };
  }, []);
  return result.state === 'ready' ? result.data : null;
}

/** An announcements channel: official notices, set apart, newest first. */
export function Announcements({ channel }: { channel: Channel }) {
  const { t, formatDate } = useI18n();
  const { status } = useAuth();
  const offices = useOffices();
  const list = usePaged(
    (cursor) =>
      call(
        api.GET('/api/v1/channels/{id}/posts', {
          params: { path: { id: channel.id }, query: { limit: 20, cursor } },
        }),
      ),
    [channel.id],
  );
  const { items } = list;

  return (
    <>
      <p>{t('ann.intro')}</p>
      {/* The server tells whether this reader may announce here (facilitators, admins, municipal staff). */}
      {status === 'signed-in' && channel.can_post && <AnnouncementForm channelId={channel.id} />}
      <h2 className="mt-4">{t('ann.list')}</h2>
      <PagedStates list={list} empty={t('ann.empty')} />
      <ul className="list-unstyled">
        {items.map((p) => {
          const office = offices?.byPerson.get(p.author.username);
          return (
            <li key={p.id} className="mb-4">
              <Callout color="note" className="announcement">
                <CalloutTitle tag="h3">
                  <Link to={`/posts/${p.id}`}>{p.title}</Link>
                </CalloutTitle>
                <CalloutText tag="div">
                  <p className="mb-2 d-flex flex-wrap gap-2 align-items-center">
                    <Badge color="primary">{t('ann.official')}</Badge>
                    {p.pinned && <Badge color="secondary">{t('channel.pinned')}</Badge>}
                    <span className="fw-semibold">
                      {office
                        ? t('ann.fromOffice', { office, author: p.author.display_name })
                        : p.author.display_name}
                    </span>
                  </p>
                  <p className="mb-2">
                    <time dateTime={p.created_at}>{t('ann.publishedOn', { date: formatDate(p.created_at) })}</time>
                  </p>
                  <div className="announcement-body" dangerouslySetInnerHTML={{ __html: p.body_html }} />
                </CalloutText>
              </Callout>
            </li>
          );
        })}
      </ul>
      <LoadMore list={list} />
    </>
  );
}

function AnnouncementForm({ channelId }: { channelId: string }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const navigate = useNavigate();
  const form = useForm();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  return (
    <section aria-labelledby="new-announcement-heading" className="my-4">
      <h2 id="new-announcement-heading">{t('ann.new')}</h2>
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          const post = await call(
            api.POST('/api/v1/channels/{id}/posts', {
              params: { path: { id: channelId } },
              body: { title, body },
            }),
          );
          say(t('ann.published'), true);
          navigate(`/posts/${post.id}`);
        })}
      >
        <FormProblem form={form} />
        {form.problem?.code === 'forbidden' && form.problem.detail && (
          <Alert color="warning">
            {t('ann.refusedBy')} <span lang="en">{form.problem.detail}</span>
          </Alert>
        )}
        <Field id="title" label={t('post.title')} value={title} onChange={setTitle} errors={form.fields.title} required />
        <Field id="body" label={t('post.body')} value={body} onChange={setBody} errors={form.fields.body} hint={t('post.bodyHint')} multiline />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {form.busy ? t('post.publishing') : t('ann.publish')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}

/** On an announcement's own page: who issued it, set apart. */
export function AnnouncementDetails({ post }: { post: Post }) {
  const { t, formatDate } = useI18n();
  const offices = useOffices();
  const office = offices?.byPerson.get(post.author.username);
  return (
    <p className="d-flex flex-wrap gap-2 align-items-center announcement-meta">
      <Badge color="primary">{t('ann.official')}</Badge>
      <span className="fw-semibold">
        {office ? t('ann.fromOffice', { office, author: post.author.display_name }) : post.author.display_name}
      </span>
      <span>· {formatDate(post.created_at)}</span>
    </p>
  );
}
