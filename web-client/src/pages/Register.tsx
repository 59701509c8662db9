import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call } from '../api/client';
import { useI18n } from '../i18n';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { useTitle } from '../components/useTitle';
import { SuccessAlert } from '../components/SuccessAlert';

export default function Register() {
  const { t, locale } = useI18n();
  useTitle(t('register.title'));
  const form = useForm();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);

  if (done) {
    return (
      <>
        <h1>{t('register.title')}</h1>
        <SuccessAlert>
          {t('register.done', { email: done })}
        </SuccessAlert>
      </>
    );
  }
  return (
    <>
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          await call(
            api.POST('/api/v1/accounts', {
              body: {
                username,
                email,
                password,
                display_name: displayName.trim() || null,
                locale,
              },
            }),
          );
          setDone(email);
        })}
      >
        <FormProblem form={form} />
        <Field
          id="username"
          label={t('register.username')}
          hint={t('register.usernameHint')}
          value={username}
          onChange={setUsername}
          errors={form.fields.username}
          autoComplete="username"
          required
        />
        <Field
          id="display_name"
          label={t('register.displayName')}
          hint={t('register.displayNameHint')}
          value={displayName}
          onChange={setDisplayName}
          errors={form.fields.display_name}
          autoComplete="name"
        />
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
        <Field
          id="password"
          type="password"
          label={t('register.password')}
          hint={t('register.passwordHint')}
          value={password}
          onChange={setPassword}
          errors={form.fields.password}
          autoComplete="new-password"
          required
        />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {t('register.submit')}
          </Button>
          <Link to="/sign-in">{t('register.haveAccount')}</Link>
        </FormActions>
      </form>
    </>
  );
}
