import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Badge, Button, Card, CardBody, CardTitle } from 'design-react-kit';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { SignInFirst } from '../components/SignInFirst';
import { Loading } from '../components/States';
import { useTitle } from '../components/useTitle';

/** Find a community or a person of another instance by its address (`name@host` or a URL). */
export default function Remote() {
  const { t } = useI18n();
  useTitle(t('remote.title'));
  const { status } = useAuth();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [found, setFound] = useState<Schemas['Resolved'] | null>(null);
  const form = useForm();
  const resolve = async (handle: string) => {
    setFound(null);
    setFound(await call(api.GET('/api/v1/resolve', { params: { query: { q: handle.trim() } } })));
  };
  // Opened with `?q=` (from the search screen): the address is filled in, ready to look up.
  const initial = params.get('q');
  if (status === 'loading') return <Loading />;
  if (status !== 'signed-in') return <SignInFirst title={t('remote.title')} next={`/remote${initial ? `?q=${encodeURIComponent(initial)}` : ''}`} />;
  return (
    <>
      <h1>{t('remote.title')}</h1>
      <p className="lead">{t('remote.intro')}</p>
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          setParams(q.trim() ? { q: q.trim() } : {}, { replace: true });
          await resolve(q);
        })}
      >
        <FormProblem form={form} />
        <Field id="remote-q" label={t('remote.address')} hint={t('remote.addressHint')} value={q} onChange={setQ} errors={form.fields.q} required />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {form.busy ? t('remote.looking') : t('remote.find')}
          </Button>
        </FormActions>
      </form>
      {found && (
        <Card shadow="sm" rounded className="mt-4" role="status">
          <CardBody>
            <CardTitle tag="h2" className="h4">
              {found.name}
            </CardTitle>
            <p>
              <Badge color="primary" className="me-2">
                {found.kind === 'community' ? t('remote.community') : t('remote.person')}
              </Badge>
              {found.local ? t('remote.local') : t('remote.other')}
            </p>
            <p className="mb-2">{t('remote.handle', { handle: found.handle })}</p>
            {found.kind === 'community' ? (
              <Link to={`/c/${found.handle}`} className="btn btn-primary">
                {t('remote.open', { name: found.name })}
              </Link>
            ) : (
              <a href={found.actor_id} rel="noopener noreferrer">
                {t('remote.profileElsewhere', { name: found.name })}
              </a>
            )}
          </CardBody>
        </Card>
      )}
    </>
  );
}
