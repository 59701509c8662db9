import { useNavigate, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { useNotice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/States';
import { SignInFirst } from '../../components/SignInFirst';
import { useLoad } from '../../components/useLoad';
import { useTitle } from '../../components/useTitle';
import { Trail } from '../../components/Trail';
import { AccordForm } from './AccordForm';
import { emptyDraft } from './formModel';
import './accords.css';

/**
 * Drafting a new accord in a neighbourhood. The form is offered to everyone signed in; the
 * server decides who may draft (facilitators, the city's offices, admins) and its refusal is
 * explained above the form.
 */
export default function NewAccord() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const { status, me } = useAuth();
  const { say } = useNotice();
  const navigate = useNavigate();
  useTitle(t('accords.newTitle'));
  const [community, retry] = useLoad(
    () => call(api.GET('/api/v1/communities/{slug}', { params: { path: { slug } } })),
    [slug],
  );
  if (status === 'loading' || community.state === 'loading') return <Loading />;
  if (status !== 'signed-in' || !me) return <SignInFirst title={t('accords.newTitle')} next={`/c/${slug}/accords/new`} />;
  if (community.state === 'error') return <ErrorState failure={community.failure} retry={retry} />;
  const c = community.data;
  return (
    <>
      <Trail
        items={[
          { label: c.name, to: `/c/${slug}` },
          { label: t('accords.title'), to: `/c/${slug}/accords` },
          { label: t('accords.newTitle') },
        ]}
      />
      <h1>{t('accords.newTitle')}</h1>
      <p className="lead">{t('accords.newIntro')}</p>
      <AccordForm
        initial={emptyDraft()}
        me={me}
        submitLabel={t('accords.form.create')}
        busyLabel={t('accords.form.saving')}
        onSubmit={async (content) => {
          const accord = await call(
            api.POST('/api/v1/communities/{slug}/accords', { params: { path: { slug } }, body: content }),
          );
          say(t('accords.created'), true);
          navigate(`/accords/${accord.id}`);
        }}
      />
    </>
  );
}
