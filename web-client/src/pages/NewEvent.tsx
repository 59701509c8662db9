import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { ChannelScreen } from '../components/ChannelScreen';
import { EventFields, eventBody, useEventValues } from './EventFields';

/** Organising an event in an events channel: the fields of the API's new post. */
export default function NewEvent() {
  const { t } = useI18n();
  const { isMember } = useAuth();
  return (
    <ChannelScreen title={t('events.createTitle')} path="new-event" signIn={t('events.signInToCreate')}>
      {(channel) =>
        isMember(channel.community) ? (
          <EventForm channelId={channel.id} />
        ) : (
          <p>
            <Link to={`/c/${channel.community}`}>{t('events.joinToCreate')}</Link>
          </p>
        )
      }
    </ChannelScreen>
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
