import { useState } from 'react';
import { Alert, Button } from 'design-react-kit';
import { api, call, failure } from '../api/client';
import { useI18n } from '../i18n';
import { Field, FormActions, FormProblem, useForm } from './Form';
import { SuccessAlert } from './SuccessAlert';

/**
 * "Didn't get the email?": mails the link to confirm the address again. The server answers the
 * same whether or not the address has an account to confirm, so the confirmation says "if"; when
 * this connection asked too often it says how long to wait (its Retry-After).
 */
export function ResendVerification({ initialEmail = '' }: { initialEmail?: string }) {
  const { t, plural } = useI18n();
  const form = useForm();
  const [email, setEmail] = useState(initialEmail);
  const [sent, setSent] = useState<string | null>(null);
  const [waitMinutes, setWaitMinutes] = useState<number | null>(null);
  return (
    <section aria-labelledby="resend-heading" className="resend-box p-3 rounded border my-4">
      <h2 id="resend-heading" className="h4">
        {t('edit.resendTitle')}
      </h2>
      {sent ? (
        <SuccessAlert className="mb-0">
          {t('edit.resent', { email: sent })}
        </SuccessAlert>
      ) : (
        <>
          <p>{t('edit.resendIntro')}</p>
          <form
            noValidate
            className="form-narrow"
            onSubmit={form.submit(async () => {
              setWaitMinutes(null);
              if (!email.trim()) {
                // The server would answer "on its way" to an empty address too.
                throw failure({ status: 422, code: 'validation_failed', errors: { email: [{ code: 'required', message: '' }] } });
              }
              const request = api.POST('/api/v1/auth/verify-email/resend', { body: { email } });
              const { response } = await request;
              if (response.status === 429) {
                const seconds = Number(response.headers.get('Retry-After'));
                if (Number.isFinite(seconds) && seconds > 0) {
                  setWaitMinutes(Math.ceil(seconds / 60));
                  return;
                }
              }
              await call(request);
              setSent(email.trim());
            })}
          >
            <FormProblem form={form} />
            {waitMinutes !== null && (
              <Alert color="danger" role="alert" className="mb-4">
                {t('edit.tooMany', { time: plural('edit.minutes', waitMinutes) })}
              </Alert>
            )}
            <Field
              id="resend-email"
              type="email"
              label={t('register.email')}
              value={email}
              onChange={setEmail}
              errors={form.fields.email}
              autoComplete="email"
              required
            />
            <FormActions>
              <Button type="submit" color="primary" disabled={form.busy}>
                {form.busy ? t('post.sending') : t('edit.resend')}
              </Button>
            </FormActions>
          </form>
        </>
      )}
    </section>
  );
}
