import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, Loading } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { ModActionForm, actionLabel } from '../components/ModAction';
import { SignInFirst } from '../components/SignInFirst';
import { Trail } from '../components/Trail';
import { useLoad } from '../components/useLoad';
import { useTitle } from '../components/useTitle';
import { SuccessAlert } from '../components/SuccessAlert';

/** Report a post to the moderators; moderators also act on it here (remove, lock, pin...). */
export default function ModeratePost() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { status } = useAuth();
  const { say } = useNotice();
  const [result, retry] = useLoad(async () => {
    const post = await call(api.GET('/api/v1/posts/{id}', { params: { path: { id } } }));
    const channel = await call(api.GET('/api/v1/channels/{id}', { params: { path: { id: post.channel_id } } }));
    const community = await call(
      api.GET('/api/v1/communities/{slug}', { params: { path: { slug: channel.community } } }),
    );
    return { post, channel, community };
  }, [id]);
  useTitle(result.state === 'ready' ? t('modpost.title', { title: result.data.post.title }) : null);
  const [done, setDone] = useState<string | null>(null);
  if (status === 'loading' || result.state === 'loading') return <Loading />;
  if (status !== 'signed-in') return <SignInFirst title={t('modpost.reportTitle')} next={`/posts/${id}/moderate`} />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const { post, channel, community } = result.data;
  const moderator = channel.can_moderate;
  return (
    <>
      <Trail
        items={[
          { label: community.name, to: `/c/${community.slug}` },
          { label: channel.name, to: `/channels/${channel.id}` },
          { label: post.title, to: `/posts/${post.id}` },
          { label: moderator ? t('modpost.moderate') : t('modpost.report') },
        ]}
      />
      <h1>{t('modpost.title', { title: post.title })}</h1>
      <p>
        <Link to={`/posts/${post.id}`}>{t('modpost.back')}</Link>
      </p>
      {done && (
        <SuccessAlert>
          {done} <Link to={`/c/${community.slug}/modlog`}>{t('community.modlog')}</Link>
        </SuccessAlert>
      )}
      {moderator && (
        <section aria-labelledby="act-heading" className="mb-5">
          <h2 id="act-heading">{t('modpost.moderate')}</h2>
          <p>
            {post.locked && `${t('modpost.isLocked')} `}
            {post.pinned && t('modpost.isPinned')}
          </p>
          <ModActionForm
            idPrefix="act"
            target={{ kind: 'post', id: post.id }}
            onDone={(entry) => {
              const text = t('mod.done', { action: actionLabel(t, entry.action) });
              setDone(text);
              say(text);
              // A removed post is no longer shown; the other actions change what the page says.
              if (entry.action !== 'remove') retry();
            }}
          />
        </section>
      )}
      <ReportForm postId={post.id} />
    </>
  );
}

function ReportForm({ postId }: { postId: string }) {
  const { t } = useI18n();
  const form = useForm();
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState(false);
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{t('modpost.report')}</h2>
      {sent ? (
        <SuccessAlert>
          {t('modpost.reported')}
        </SuccessAlert>
      ) : (
        <>
          <p>{t('modpost.reportIntro')}</p>
          <form
            noValidate
            className="form-narrow"
            onSubmit={form.submit(async () => {
              await call(api.POST('/api/v1/reports', { body: { reason, target: { kind: 'post', id: postId } } }));
              setSent(true);
            })}
          >
            <FormProblem form={form} />
            <Field
              id="report-reason"
              label={t('modpost.reportReason')}
              hint={t('modpost.reportHint')}
              value={reason}
              onChange={setReason}
              errors={form.fields.reason}
              multiline
              rows={3}
              required
            />
            <FormActions>
              <Button type="submit" color="primary" disabled={form.busy}>
                {t('modpost.send')}
              </Button>
            </FormActions>
          </form>
        </>
      )}
    </section>
  );
}
