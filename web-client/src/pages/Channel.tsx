import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Badge, Button, Card, CardBody, CardTitle } from 'design-react-kit';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, LoadMore, Loading, PagedStates } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';
import { kindLabel } from './Community';
import { Trail } from '../components/Trail';
import { Agenda } from './kinds/Events';
import { Processes } from './kinds/Codesign';
import { Directory } from './kinds/Businesses';
import { Announcements } from './kinds/Announcements';

/** A channel: its feed, newest first, with "show more"; dialogue channels take new posts. */
export default function Channel() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [result, retry] = useLoad(async () => {
    const channel = await call(api.GET('/api/v1/channels/{id}', { params: { path: { id } } }));
    const community = await call(
      api.GET('/api/v1/communities/{slug}', { params: { path: { slug: channel.community } } }),
    );
    return { channel, community };
  }, [id]);
  useTitle(result.state === 'ready' ? result.data.channel.name : null);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const ch = result.data.channel;
  return (
    <>
      <Trail
        items={[
          { label: result.data.community.name, to: `/c/${ch.community}` },
          { label: ch.name },
        ]}
      />
      <h1>{ch.name}</h1>
      <p>
        <Badge color="primary">{kindLabel(t, ch.kind)}</Badge>
      </p>
      {ch.description && <p className="lead">{ch.description}</p>}
      {ch.kind === 'events' ? (
        <Agenda channel={ch} />
      ) : ch.kind === 'codesign' ? (
        <Processes channel={ch} />
      ) : ch.kind === 'businesses' ? (
        <Directory channel={ch} />
      ) : ch.kind === 'announcements' ? (
        <Announcements channel={ch} />
      ) : (
        <Feed channel={ch} />
      )}
    </>
  );
}

function Feed({ channel }: { channel: Schemas['ChannelDetail'] }) {
  const { t, plural, formatDate } = useI18n();
  const { status, isMember } = useAuth();
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

  const canWrite = channel.kind === 'dialogue';
  return (
    <>
      {canWrite && status === 'signed-in' && isMember(channel.community) && (
        <NewPost channelId={channel.id} />
      )}
      {canWrite && status === 'signed-in' && !isMember(channel.community) && (
        <p>
          <Link to={`/c/${channel.community}`}>{t('channel.joinToPost')}</Link>
        </p>
      )}
      {canWrite && status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=/channels/${channel.id}`}>{t('channel.signInToPost')}</Link>
        </p>
      )}
      {!canWrite && <p>{t('channel.simpleList')}</p>}
      <h2 className="mt-4">{t('channel.posts')}</h2>
      <PagedStates list={list} empty={t('channel.empty')} />
      {items.length > 0 && (
        <ul className="list-unstyled">
          {items.map((p) => (
            <li key={p.id} className="mb-3">
              <Card shadow="sm" rounded>
                <CardBody>
                  <CardTitle tag="h3" className="h5">
                    <Link to={`/posts/${p.id}`}>{p.title}</Link>
                  </CardTitle>
                  <p className="mb-1">
                    {p.pinned && (
                      <Badge color="secondary" className="me-2">
                        {t('channel.pinned')}
                      </Badge>
                    )}
                    {t('channel.byOn', { author: p.author.display_name, date: formatDate(p.created_at) })}
                  </p>
                  <p className="mb-0">{plural('channel.comments', Number(p.comment_count))}</p>
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </>
  );
}

function NewPost({ channelId }: { channelId: string }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const navigate = useNavigate();
  const form = useForm();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  return (
    <section aria-labelledby="new-post-heading" className="my-4">
      <h2 id="new-post-heading">{t('channel.newPost')}</h2>
      <form
        noValidate
        onSubmit={form.submit(async () => {
          const post = await call(
            api.POST('/api/v1/channels/{id}/posts', {
              params: { path: { id: channelId } },
              body: { title, body },
            }),
          );
          say(t('post.published'), true);
          navigate(`/posts/${post.id}`);
        })}
      >
        <FormProblem form={form} />
        <Field id="title" label={t('post.title')} value={title} onChange={setTitle} errors={form.fields.title} required />
        <Field
          id="body"
          label={t('post.body')}
          value={body}
          onChange={setBody}
          errors={form.fields.body}
          hint={t('post.bodyHint')}
          multiline
        />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {form.busy ? t('post.publishing') : t('post.publish')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}
