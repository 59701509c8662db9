import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button } from 'design-react-kit';
import { api, call, failure, isFailure, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, LoadMore, Loading, PagedStates, useProblemText } from '../components/States';
import { FormActions, FormProblem, useForm } from '../components/Form';
import { setUnread } from '../components/unread';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';
import { SignInFirst } from '../components/SignInFirst';

type Notice = Schemas['NotificationOut'];

/** What a notice says, in plain words. */
function useNoticeText() {
  const { t } = useI18n();
  return (n: Notice) => {
    const key = `notifications.kind.${n.kind}` as MessageKey;
    const vars = {
      actor: n.actor?.display_name ?? t('notifications.someone'),
      post: n.post?.title ?? '',
      community: n.community?.name ?? '',
      detail: n.detail,
    };
    const text = t(key, vars);
    return text === key ? t('notifications.kind.other', vars) : text;
  };
}

/** Notices (replies, mentions, events, decisions, moderation), unread first in mind, and mail settings. */
export default function Notifications() {
  const { t } = useI18n();
  useTitle(t('notifications.title'));
  const { status } = useAuth();
  if (status === 'loading') return <Loading />;
  if (status !== 'signed-in') return <SignInFirst title={t('notifications.title')} next="/notifications" />;
  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <NoticeList />
      <Preferences />
    </>
  );
}

function NoticeList() {
  const { t, formatDate } = useI18n();
  const { say } = useNotice();
  const problemText = useProblemText();
  const text = useNoticeText();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [unread, setUnreadHere] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const list = usePaged(
    (cursor) =>
      call(
        api.GET('/api/v1/notifications', {
          params: { query: { unread: onlyUnread || undefined, limit: 20, cursor } },
        }),
      ),
    [onlyUnread],
    (page) => {
      setUnreadHere(Number(page.unread_count));
      setUnread(Number(page.unread_count));
    },
  );
  const { items, setItems } = list;

  const markRead = async (body: Schemas['MarkRead'], announce: boolean) => {
    setError(null);
    try {
      const done = await call(api.POST('/api/v1/notifications/read', { body }));
      const ids = new Set(body.ids ?? []);
      setItems((old) => old.map((n) => (body.all || ids.has(n.id) ? { ...n, read: true } : n)));
      setUnreadHere(Number(done.unread_count));
      setUnread(Number(done.unread_count));
      if (announce) say(body.all ? t('notifications.allMarked') : t('notifications.marked'));
    } catch (e) {
      setError(problemText(isFailure(e) ? e : failure(null)));
    }
  };

  return (
    <section aria-labelledby="notices-heading" className="mb-5">
      <h2 id="notices-heading" className="visually-hidden">
        {t('notifications.list')}
      </h2>
      <p className="lead">
        {unread === 0 ? t('notifications.noneUnread') : t('notifications.unreadCount', { count: unread })}
      </p>
      <div className="d-flex flex-wrap gap-3 align-items-center mb-3">
        <div className="form-check mb-0">
          <input
            id="only-unread"
            type="checkbox"
            checked={onlyUnread}
            onChange={(e) => setOnlyUnread(e.target.checked)}
          />
          <label htmlFor="only-unread">{t('notifications.onlyUnread')}</label>
        </div>
        {unread > 0 && (
          <Button color="primary" outline size="sm" onClick={() => markRead({ all: true }, true)}>
            {t('notifications.markAll')}
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
      <PagedStates list={list} empty={onlyUnread ? t('notifications.emptyUnread') : t('notifications.empty')} />
      {items.length > 0 && (
        <ul className="list-unstyled">
          {items.map((n) => {
            const to = n.post
              ? `/posts/${n.post.id}${n.comment_id ? `#comment-${n.comment_id}` : ''}`
              : n.community
                ? `/c/${n.community.slug}`
                : null;
            return (
              <li key={n.id} className={`card card-bg mb-3 p-3 ${n.read ? '' : 'notice-unread'}`}>
                <p className="mb-1">
                  {!n.read && (
                    <Badge color="primary" className="me-2">
                      {t('notifications.new')}
                    </Badge>
                  )}
                  {to ? (
                    <Link to={to} onClick={() => !n.read && void markRead({ ids: [n.id] }, false)}>
                      {text(n)}
                    </Link>
                  ) : (
                    text(n)
                  )}
                </p>
                <p className="mb-2 small">
                  {n.community && `${n.community.name} · `}
                  {formatDate(n.created_at)}
                </p>
                {!n.read && (
                  <div>
                    <Button color="primary" outline size="xs" onClick={() => markRead({ ids: [n.id] }, true)}>
                      {t('notifications.markOne')}
                      <span className="visually-hidden">: {text(n)}</span>
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LoadMore list={list} />
    </section>
  );
}

const MODES = ['immediate', 'daily', 'off'] as const;

function Preferences() {
  const { t } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [result, retry] = useLoad(() => call(api.GET('/api/v1/me/notification-settings')), []);
  const [email, setEmail] = useState<string | null>(null);
  const current = email ?? (result.state === 'ready' ? result.data.email : 'immediate');
  return (
    <section aria-labelledby="prefs-heading" id="preferences">
      <h2 id="prefs-heading">{t('notifications.prefs')}</h2>
      {result.state === 'loading' && <Loading />}
      {result.state === 'error' && <ErrorState failure={result.failure} retry={retry} />}
      {result.state === 'ready' && (
        <form
          noValidate
          className="form-narrow"
          onSubmit={form.submit(async () => {
            const saved = await call(api.PUT('/api/v1/me/notification-settings', { body: { email: current } }));
            setEmail(saved.email);
            say(t('notifications.prefsSaved'));
          })}
        >
          <FormProblem form={form} />
          <fieldset aria-describedby={form.fields.email ? 'email-mode-error' : undefined}>
            <legend className="h6 fw-semibold">{t('notifications.emailLegend')}</legend>
            {MODES.map((mode) => (
              <div className="form-check" key={mode}>
                <input
                  type="radio"
                  id={`email-${mode}`}
                  name="email-mode"
                  value={mode}
                  checked={current === mode}
                  onChange={() => setEmail(mode)}
                />
                <label htmlFor={`email-${mode}`}>{t(`notifications.email.${mode}`)}</label>
              </div>
            ))}
            {form.fields.email && (
              <p id="email-mode-error" className="field-error">
                {form.fields.email.map((e) => e.message).join(' ')}
              </p>
            )}
          </fieldset>
          <FormActions>
            <Button type="submit" color="primary" disabled={form.busy}>
              {t('notifications.savePrefs')}
            </Button>
          </FormActions>
        </form>
      )}
    </section>
  );
}
