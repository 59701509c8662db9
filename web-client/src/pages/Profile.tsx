import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button } from 'design-react-kit';
import { api, call, failure, isFailure } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, Loading, useProblemText } from '../components/States';
import { SignInFirst } from '../components/SignInFirst';
import { useLoad } from '../components/useLoad';
import { useTitle } from '../components/useTitle';

/** The signed-in account: who, which neighbourhoods and organisations, and the profile picture. */
export default function Profile() {
  const { t } = useI18n();
  useTitle(t('profile.title'));
  const { status } = useAuth();
  if (status === 'loading') return <Loading />;
  if (status !== 'signed-in') return <SignInFirst title={t('profile.title')} next="/me" />;
  return <Account />;
}

function Account() {
  const { t, formatDate } = useI18n();
  const { reload } = useAuth();
  // Fresh from the server (not the copy kept since signing in).
  const [result, retry] = useLoad(() => call(api.GET('/api/v1/me')), []);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const me = result.data;
  const changed = async () => {
    await reload();
    retry();
  };
  return (
    <>
      <h1>{t('profile.title')}</h1>
      <div className="d-flex flex-wrap gap-4 align-items-center mb-4">
        {me.avatar_url ? (
          <img src={me.avatar_url} alt={t('profile.avatarAlt', { name: me.display_name })} className="avatar-large" />
        ) : (
          <span className="avatar size-xl" aria-hidden="true">
            <span className="fs-3">{me.display_name.slice(0, 1).toUpperCase()}</span>
          </span>
        )}
        <div>
          <p className="h3 mb-1">{me.display_name}</p>
          <p className="mb-0">@{me.username}</p>
        </div>
      </div>
      <dl className="stats-list mb-4">
        <dt>{t('profile.email')}</dt>
        <dd>
          {me.email}{' '}
          <Badge color={me.email_verified ? 'success' : 'warning'}>
            {me.email_verified ? t('profile.verified') : t('profile.notVerified')}
          </Badge>
        </dd>
        <dt>{t('profile.since')}</dt>
        <dd>{formatDate(me.created_at)}</dd>
        {me.is_admin && (
          <>
            <dt>{t('profile.roles')}</dt>
            <dd>{t('profile.admin')}</dd>
          </>
        )}
      </dl>
      <Avatar hasAvatar={!!me.avatar_url} onChanged={changed} />
      <section aria-labelledby="my-communities" className="mb-4">
        <h2 id="my-communities">{t('profile.communities')}</h2>
        {me.communities.length === 0 ? (
          <p>
            {t('profile.noCommunities')} <Link to="/">{t('profile.chooseCommunity')}</Link>
          </p>
        ) : (
          <ul>
            {me.communities.map((c) => (
              <li key={c.slug}>
                <Link to={`/c/${c.slug}`}>{c.name}</Link>
                {c.role === 'facilitator' && ` (${t('profile.facilitator')})`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-organizations" className="mb-4">
        <h2 id="my-organizations">{t('profile.organizations')}</h2>
        {me.organizations.length === 0 ? (
          <p>{t('profile.noOrganizations')}</p>
        ) : (
          <ul>
            {me.organizations.map((o) => (
              <li key={o.slug}>
                <Link to={`/admin/organizations/${o.slug}`}>{o.name}</Link>
                {` (${o.role === 'owner' ? t('org.role.owner') : t('org.role.member')})`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to="/notifications#preferences">{t('profile.notificationPrefs')}</Link>
      </p>
      <section aria-labelledby="my-keys" className="mb-4">
        <h2 id="my-keys">{t('profile.keys')}</h2>
        <p>{t('profile.keysText')}</p>
        <Link to="/me/keys">{t('profile.keysLink')}</Link>
      </section>
    </>
  );
}

function Avatar({ hasAvatar, onChanged }: { hasAvatar: boolean; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const problemText = useProblemText();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<void>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await onChanged();
      say(done);
    } catch (e) {
      const f = isFailure(e) ? e : failure(null);
      const fields = Object.values(f.fields).flat().map((x) => x.message);
      setError([problemText(f), ...fields].join(' '));
      file.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const upload = () =>
    run(async () => {
      const chosen = file.current?.files?.[0];
      if (!chosen) throw failure({ code: 'no_file', detail: t('profile.chooseFile') }, 422);
      const form = new FormData();
      form.append('purpose', 'avatar');
      form.append('file', chosen);
      const media = await call(
        api.POST('/api/v1/media', {
          // The generated type describes the form's fields; the body is the form itself.
          body: form as unknown as { file: string; purpose: string },
          bodySerializer: (b) => b as unknown as FormData,
        }),
      );
      await call(api.PUT('/api/v1/me/avatar', { body: { media_id: media.id } }));
      if (file.current) file.current.value = '';
    }, t('profile.avatarSaved'));

  return (
    <section aria-labelledby="avatar-heading" className="mb-4">
      <h2 id="avatar-heading">{t('profile.avatar')}</h2>
      <form
        noValidate
        className="form-narrow"
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <div className="mb-3">
          <label htmlFor="avatar-file" className="d-block fw-semibold mb-1">
            {t('profile.avatarFile')}
          </label>
          <input
            ref={file}
            id="avatar-file"
            name="file"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif"
            className="form-control"
            aria-describedby={error ? 'avatar-error avatar-hint' : 'avatar-hint'}
            aria-invalid={error ? true : undefined}
          />
          <small id="avatar-hint" className="form-text d-block">
            {t('profile.avatarHint')}
          </small>
          {error && (
            <p id="avatar-error" role="alert" className="field-error mb-0">
              {error}
            </p>
          )}
        </div>
        <div className="d-flex flex-wrap gap-3">
          <Button type="submit" color="primary" disabled={busy}>
            {t('profile.avatarUpload')}
          </Button>
          {hasAvatar && (
            <Button
              type="button"
              color="primary"
              outline
              disabled={busy}
              onClick={() =>
                run(async () => {
                  await call(api.DELETE('/api/v1/me/avatar'));
                }, t('profile.avatarRemoved'))
              }
            >
              {t('profile.avatarRemove')}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
