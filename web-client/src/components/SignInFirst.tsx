import { Link } from 'react-router';
import { useI18n } from '../i18n';

/** A screen for signed-in people, opened while signed out: say so and offer to sign in. */
export function SignInFirst({ title, next }: { title: string; next: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t('account.signInFirst')}</p>
      <Link to={`/sign-in?next=${encodeURIComponent(next)}`} className="btn btn-primary">
        {t('nav.signIn')}
      </Link>
    </>
  );
}
