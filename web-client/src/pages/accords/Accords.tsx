import { Link, useParams } from 'react-router';
import { Badge, Card, CardBody, CardText, CardTitle } from 'design-react-kit';
import { api, call } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useLoad } from '../../components/useLoad';
import { useTitle } from '../../components/useTitle';
import { Trail } from '../../components/Trail';
import { stateColor, useAccordWords } from './labels';
import './accords.css';

/** A neighbourhood's citizenship accords, newest first, each with its state in words. */
export default function Accords() {
  const { slug = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { status } = useAuth();
  const words = useAccordWords();
  // Drafts show to those who write them: load again when the session changes.
  const [result, retry] = useLoad(async () => {
    const path = { params: { path: { slug } } };
    const [community, accords] = await Promise.all([
      call(api.GET('/api/v1/communities/{slug}', path)),
      call(api.GET('/api/v1/communities/{slug}/accords', path)),
    ]);
    return { community, accords };
  }, [slug, status]);
  const community = result.state === 'ready' ? result.data.community : null;
  useTitle(community ? t('accords.listTitle', { name: community.name }) : t('accords.title'));
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const { accords } = result.data;
  const c = result.data.community;
  return (
    <>
      <Trail items={[{ label: c.name, to: `/c/${slug}` }, { label: t('accords.title') }]} />
      <h1>{t('accords.listTitle', { name: c.name })}</h1>
      <p className="lead">{t('accords.intro')}</p>
      {status === 'signed-in' && (
        <div className="mb-4">
          <Link to={`/c/${slug}/accords/new`} className="btn btn-primary">
            {t('accords.new')}
          </Link>
          <p className="field-hint mt-2 mb-0">{t('accords.newHint')}</p>
        </div>
      )}
      <p>
        <Link to="/accords/verify">{t('accords.verifyLink')}</Link>
      </p>
      {accords.length === 0 ? (
        <Empty>{t('accords.empty')}</Empty>
      ) : (
        <ul className="list-unstyled accord-list">
          {accords.map((a) => (
            <li key={a.id} className="mb-3">
              <Card shadow="sm" rounded>
                <CardBody>
                  <CardTitle tag="h2" className="h4">
                    <Link to={`/accords/${a.id}`}>{a.title}</Link>
                  </CardTitle>
                  <p className="mb-2">
                    <Badge color={stateColor(a.state)}>{words.state(a.state)}</Badge>
                  </p>
                  {a.summary && <CardText>{a.summary}</CardText>}
                  <p className="mb-0 small-print">
                    {t('accords.versionOn', { n: a.latest_version, date: formatDate(a.updated_at) })}
                  </p>
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
