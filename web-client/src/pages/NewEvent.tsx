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
import { EventFields, eventBody, useEventValues } from './EventFields';

/** Organising an event in an events channel: the fields of the API's new post. */
export default function NewEvent() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { status, isMember } = useAuth();
  const [result, retry] = useLoad(async () => {
    const channel = await call(api.GET('/api/v1/channels/{id}', { params: { path: { id } } }));
    const community = await call(
      api.GET('/api/v1/communities/{slug}', { params: { path: { slug: channel.community } } }),
    );
    return { channel, community };
  }, [id]);
  useTitle(t('events.createTitle'));
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const { channel, community } = result.data;
  return (
    <>
      <Trail
        items={[
          { label: community.name, to: `/c/${community.slug}` },
          { label: channel.name, to: `/channels/${channel.id}` },
          { label: t('events.createTitle') },
        ]}
      />
      <h1>{t('events.createTitle')}</h1>
      {status === 'loading' && <Loading />}
      {status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=/channels/${channel.id}/new-event`}>{t('events.signInToCreate')}</Link>
        </p>
      )}
      {status === 'signed-in' && !isMember(channel.community) && (
        <p>
          <Link to={`/c/${channel.community}`}>{t('events.joinToCreate')}</Link>
        </p>
      )}
      {status === 'signed-in' && isMember(channel.community) && <EventForm channelId={channel.id} />}
    </>
  );
}

function EventForm({ channelId }: { channelId: string }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const navigate = useNavigate();
  const form = useForm();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const details = useEventValues();
  return (
    <form
      noValidate
      className="form-narrow"
      onSubmit={form.submit(async () => {
        const post = await call(
          api.POST('/api/v1/channels/{id}/posts', {
            params: { path: { id: channelId } },
            body: { title, body, ...eventBody(details.values) },
          }),
        );
        say(t('events.created'), true);
        navigate(`/posts/${post.id}`);
      })}
    >
      <FormProblem form={form} />
      <Field id="title" label={t('events.fieldTitle')} value={title} onChange={setTitle} errors={form.fields.title} required />
      <Field
        id="body"
        label={t('events.fieldBody')}
        value={body}
        onChange={setBody}
        errors={form.fields.body}
        hint={t('post.bodyHint')}
        multiline
        rows={4}
      />
      <EventFields values={details.values} set={details.set} errors={form.fields} />
      <FormActions>
        <Button type="submit" color="primary" disabled={form.busy}>
          {form.busy ? t('post.publishing') : t('events.publish')}
        </Button>
      </FormActions>
    </form>
  );
}
