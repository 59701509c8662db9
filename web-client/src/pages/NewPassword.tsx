import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button } from 'design-react-kit';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { useTitle } from '../components/useTitle';
import { SuccessAlert } from '../components/SuccessAlert';

/** Opened from the reset mail (`/reset-password?token=`): choose a new password. */
export default function NewPassword() {
  const { t } = useI18n();
  useTitle(t('reset.newTitle'));
  const [params] = useSearchParams();
  const token = params.get('token');
  const form = useForm();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  if (!token) {
    return (
      <>
        <h1>{t('reset.newTitle')}</h1>
        <Alert color="warning">
          {t('reset.missing')} <Link to="/password-reset">{t('reset.askAgain')}</Link>
        </Alert>
      </>
    );
  }
  return (
    <>
      <h1>{t('reset.newTitle')}</h1>
      {done ? (
        <SuccessAlert>
          {t('reset.done')} <Link to="/sign-in">{t('signIn.title')}</Link>
        </SuccessAlert>
      ) : (
        <form
          noValidate
          className="form-narrow"
          onSubmit={form.submit(async () => {
            await call(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }));
            setDone(true);
          })}
        >
          <FormProblem form={form} />
          {form.problem?.code === 'invalid_token' && (
            <p>
              <Link to="/password-reset">{t('reset.askAgain')}</Link>
            </p>
          )}
          <Field
            id="password"
            type="password"
            label={t('reset.newPassword')}
            hint={t('register.passwordHint')}
            value={password}
            onChange={setPassword}
            errors={form.fields.password}
            autoComplete="new-password"
            required
          />
          <FormActions>
            <Button type="submit" color="primary" disabled={form.busy}>
              {t('reset.save')}
            </Button>
          </FormActions>
        </form>
      )}
    </>
  );
}
