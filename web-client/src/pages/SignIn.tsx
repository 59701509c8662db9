import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from 'design-react-kit';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { useTitle } from '../components/useTitle';
import { ResendVerification } from '../components/ResendVerification';

/** Only paths of this site: `?next=//evil.example` must not send anyone away. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignIn() {
  const { t } = useI18n();
  useTitle(t('signIn.title'));
  const { signIn } = useAuth();
  const { say } = useNotice();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          const me = await signIn(login, password);
          say(t('signIn.welcome', { name: me.display_name }), true);
          navigate(safeNext(params.get('next')));
        })}
      >
        <FormProblem form={form} />
        <Field
          id="login"
          label={t('signIn.login')}
          value={login}
          onChange={setLogin}
          errors={form.fields.login}
          autoComplete="username"
          required
        />
        <Field
          id="password"
          type="password"
          label={t('signIn.password')}
          value={password}
          onChange={setPassword}
          errors={form.fields.password}
          autoComplete="current-password"
          required
        />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {t('signIn.submit')}
          </Button>
          <Link to="/password-reset">{t('signIn.forgot')}</Link>
          <Link to="/register">{t('signIn.noAccount')}</Link>
        </FormActions>
      </form>
      {form.problem?.code === 'email_not_verified' && (
        <ResendVerification initialEmail={login.includes('@') ? login.trim() : ''} />
      )}
    </>
  );
}
