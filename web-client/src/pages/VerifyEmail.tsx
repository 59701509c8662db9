import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from 'design-react-kit';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { ResendVerification } from '../components/ResendVerification';
import { SuccessAlert } from '../components/SuccessAlert';

/**
 * Opened from the verification mail: confirms the address with the token in the link. Without a
 * token, or with one refused (expired, used), it offers to mail a new link.
 */
export default function VerifyEmail() {
  const { t } = useI18n();
  useTitle(t('verify.title'));
  const [params] = useSearchParams();
  const token = params.get('token');
  const [state, setState] = useState<'working' | 'done' | 'failed'>('working');
  const sent = useRef(false);
  useEffect(() => {
    // Once: the token is single-use (React may run effects twice in development).
    if (!token || sent.current) return;
    sent.current = true;
    call(api.POST('/api/v1/auth/verify-email', { body: { token } })).then(
      () => setState('done'),
      () => setState('failed'),
    );
  }, [token]);
  return (
    <>
      <h1>{t('verify.title')}</h1>
      {!token ? (
        <>
          <Alert color="warning">{t('verify.missing')}</Alert>
          <ResendVerification />
        </>
      ) : state === 'working' ? (
        <Loading label={t('verify.working')} />
      ) : state === 'done' ? (
        <SuccessAlert>
          {t('verify.done')} <Link to="/sign-in">{t('signIn.title')}</Link>
        </SuccessAlert>
      ) : (
        <>
          <Alert color="danger" role="alert">
            {t('verify.failed')}
          </Alert>
          <ResendVerification />
        </>
      )}
    </>
  );
}
