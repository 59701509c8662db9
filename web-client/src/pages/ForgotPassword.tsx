import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { useTitle } from '../components/useTitle';
import { SuccessAlert } from '../components/SuccessAlert';

/** "Forgot your password?": asks for the address and mails a link to choose a new one. */
export default function ForgotPassword() {
  const { t } = useI18n();
  useTitle(t('reset.title'));
  const form = useForm();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  return (
    <>
      <h1>{t('reset.title')}</h1>
      {sent ? (
        <SuccessAlert>
          {t('reset.sent', { email: sent })}
        </SuccessAlert>
      ) : (
        <>
          <p className="lead">{t('reset.intro')}</p>
          <form
            noValidate
            className="form-narrow"
            onSubmit={form.submit(async () => {
              await call(api.POST('/api/v1/auth/password-reset', { body: { email } }));
              setSent(email);
            })}
          >
            <FormProblem form={form} />
            <Field
              id="email"
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
                {t('reset.send')}
              </Button>
              <Link to="/sign-in">{t('reset.backToSignIn')}</Link>
            </FormActions>
          </form>
        </>
      )}
    </>
  );
}
