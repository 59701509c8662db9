import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { useNotice } from '../components/Notice';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { ChannelScreen } from '../components/ChannelScreen';
import { OtherErrors } from '../components/AuthorFields';

/**
 * Starting a co-design process in a co-design channel: a title and a Markdown text. The server
 * lets the channel's moderators, the neighbourhood's facilitators and admins do it (`can_post`).
 */
export default function NewProcess() {
  const { t } = useI18n();
  return (
    <ChannelScreen title={t('author.processTitle')} path="new-process" signIn={t('author.signIn')}>
      {(channel) =>
        channel.kind !== 'codesign' ? (
          <p>{t('author.wrongKind')}</p>
        ) : !channel.can_post ? (
          <p>{t('author.processNotAllowed')}</p>
        ) : (
          <>
            <p>{t('author.processIntro')}</p>
            <ProcessForm channelId={channel.id} />
          </>
        )
      }
    </ChannelScreen>
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
