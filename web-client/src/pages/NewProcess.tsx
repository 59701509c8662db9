import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, Loading } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { useLoad } from '../components/useLoad';
import { useTitle } from '../components/useTitle';
import { Trail } from '../components/Trail';
import { OtherErrors } from '../components/AuthorFields';

/**
 * Starting a co-design process in a co-design channel: a title and a Markdown text. The server
 * lets the channel's moderators, the neighbourhood's facilitators and admins do it (`can_post`).
 */
export default function NewProcess() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { status } = useAuth();
  const [result, retry] = useLoad(async () => {
    const channel = await call(api.GET('/api/v1/channels/{id}', { params: { path: { id } } }));
    const community = await call(
      api.GET('/api/v1/communities/{slug}', { params: { path: { slug: channel.community } } }),
    );
    return { channel, community };
  }, [id, status]);
  useTitle(t('author.processTitle'));
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const { channel, community } = result.data;
  return (
    <>
      <Trail
        items={[
          { label: community.name, to: `/c/${community.slug}` },
          { label: channel.name, to: `/channels/${channel.id}` },
          { label: t('author.processTitle') },
        ]}
      />
      <h1>{t('author.processTitle')}</h1>
      {status === 'loading' && <Loading />}
      {status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=/channels/${channel.id}/new-process`}>{t('author.signIn')}</Link>
        </p>
      )}
      {status === 'signed-in' && channel.kind !== 'codesign' && <p>{t('author.wrongKind')}</p>}
      {status === 'signed-in' && channel.kind === 'codesign' && !channel.can_post && (
        <p>{t('author.processNotAllowed')}</p>
      )}
      {status === 'signed-in' && channel.kind === 'codesign' && channel.can_post && (
        <>
          <p>{t('author.processIntro')}</p>
          <ProcessForm channelId={channel.id} />
        </>
      )}
    </>
  );
}

function ProcessForm({ channelId }: { channelId: string }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const navigate = useNavigate();
  const form = useForm();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const f = form.fields;
  return (
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
        say(t('author.processCreated'), true);
        navigate(`/posts/${post.id}`);
      })}
    >
      <FormProblem form={form} />
      <OtherErrors fields={f} shown={['title', 'body']} />
      <Field
        id="title"
        label={t('author.processFieldTitle')}
        hint={t('author.processFieldTitleHint')}
        value={title}
        onChange={setTitle}
        errors={f.title}
        required
      />
      <Field
        id="body"
        label={t('author.processFieldBody')}
        hint={t('author.markdownHint')}
        value={body}
        onChange={setBody}
        errors={f.body}
        multiline
        rows={8}
      />
      <FormActions>
        <Button type="submit" color="primary" disabled={form.busy}>
          {form.busy ? t('post.publishing') : t('author.processPublish')}
        </Button>
      </FormActions>
    </form>
  );
}
