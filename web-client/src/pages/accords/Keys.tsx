import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Badge } from 'design-react-kit';
import { api, call, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { useNotice } from '../../components/Notice';
import { ErrorState, Loading, useProblemText } from '../../components/States';
import { SignInFirst } from '../../components/SignInFirst';
import { useLoad } from '../../components/useLoad';
import { useTitle } from '../../components/useTitle';
import { Trail } from '../../components/Trail';
import { canMakeKeys, forgetDeviceKey, loadDeviceKey } from '../../accords/keystore';
import { Confirm } from '../../components/Confirm';
import { DeviceKeyPanel } from './DeviceKeyPanel';
import './accords.css';

type Key = Schemas['KeyOut'];

/** A same-site path to go back to after making a key (`?next=/accords/…`), or null. */
export function safeNext(next: string | null): string | null {
  // Not `//host` nor `/\host`, which browsers read as another site.
  return next && /^\/(?![/\\])/.test(next) ? next : null;
}

/** The person's signing keys: this device's, made here, and every key registered, to revoke. */
export default function Keys() {
  const { t } = useI18n();
  useTitle(t('keys.title'));
  const { status, me } = useAuth();
  if (status === 'loading') return <Loading />;
  if (status !== 'signed-in' || !me) return <SignInFirst title={t('keys.title')} next="/me/keys" />;
  return <KeysScreen account={me.id} />;
}

function KeysScreen({ account }: { account: string }) {
  const { t, formatDate } = useI18n();
  const { say } = useNotice();
  const problemText = useProblemText();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [round, setRound] = useState(0);
  const [result, retry] = useLoad(async () => {
    const [keys, device, supported] = await Promise.all([
      call(api.GET('/api/v1/me/keys')),
      loadDeviceKey(account).catch(() => null),
      canMakeKeys(),
    ]);
    return { keys, device, supported };
  }, [account, round]);
  const again = () => setRound((r) => r + 1);
  return (
    <>
      <Trail items={[{ label: t('profile.title'), to: '/me' }, { label: t('keys.title') }]} />
      <h1>{t('keys.title')}</h1>
      <p className="lead">{t('keys.intro1')}</p>
      <p>{t('keys.intro2')}</p>
      <p>{t('keys.intro3')}</p>
      {result.state === 'loading' && <Loading />}
      {result.state === 'error' && <ErrorState failure={result.failure} retry={retry} />}
      {result.state === 'ready' && (
        <>
          <DeviceKeyPanel
            account={account}
            device={result.data.device}
            keys={result.data.keys}
            supported={result.data.supported}
            next={next}
            onChanged={again}
          />
          <section aria-labelledby="all-keys-heading" className="mb-5">
            <h2 id="all-keys-heading">{t('keys.all')}</h2>
            {result.data.keys.length === 0 ? (
              <p>{t('keys.none')}</p>
            ) : (
              <ul className="list-unstyled">
                {result.data.keys.map((k: Key) => (
                  <li key={k.id} className="accord-box mb-3 key-item">
                    <p className="mb-1">
                      <span className="fw-semibold">{k.label || t('keys.noLabel')}</span>{' '}
                      {k.id === result.data.device?.id && <Badge color="primary">{t('keys.thisDevice')}</Badge>}{' '}
                      <Badge color={k.revoked_at ? 'secondary' : 'success'}>
                        {k.revoked_at ? t('keys.revoked') : t('keys.active')}
                      </Badge>
                    </p>
                    <p className="mb-1">{t('keys.createdOn', { date: formatDate(k.created_at) })}</p>
                    {k.revoked_at && <p className="mb-1">{t('keys.revokedOn', { date: formatDate(k.revoked_at) })}</p>}
                    {!k.revoked_at && (
                      <Confirm
                        id={`revoke-${k.id}`}
                        label={t('keys.revoke')}
                        accessibleLabel={t('keys.revokeLabel', { label: k.label || t('keys.noLabel') })}
                        title={t('keys.revokeTitle')}
                        text={<p className="mb-0">{t('keys.revokeText')}</p>}
                        yes={t('keys.revokeYes')}
                        busyLabel={t('keys.revoking')}
                        color="danger"
                        outline
                        size="sm"
                        act={async () => {
                          await call(api.DELETE('/api/v1/me/keys/{id}', { params: { path: { id: k.id } } }));
                          // This device's key revoked: forget it here, so a new one can be made.
                          if (k.id === result.data.device?.id) await forgetDeviceKey(account);
                        }}
                        explain={problemText}
                        done={() => {
                          say(t('keys.revokedNow'));
                          again();
                        }}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {next && (
            <p>
              <Link to={next}>{t('keys.back')}</Link>
            </p>
          )}
        </>
      )}
    </>
  );
}
