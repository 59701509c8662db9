import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, CardBody, CardText, CardTitle, Col, Row } from 'design-react-kit';
import { api, call, failure, isFailure, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { LoadMore, PagedStates, useProblemText } from '../components/States';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';

type Community = Schemas['CommunityView'];

/** The neighbourhood list, with join. */
export default function Home() {
  const { t } = useI18n();
  useTitle(t('home.title'));
  const list = usePaged(
    (cursor) => call(api.GET('/api/v1/communities', { params: { query: { limit: 20, cursor } } })),
    [],
  );
  const { items } = list;

  return (
    <>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <PagedStates list={list} empty={t('home.empty')} />
      {items.length > 0 && (
        <Row tag="ul" className="list-unstyled">
          {items.map((c) => (
            <Col tag="li" xs="12" md="6" lg="4" key={c.id} className="mb-4">
              <CommunityCard community={c} />
            </Col>
          ))}
        </Row>
      )}
      <LoadMore list={list} />
    </>
  );
}

function CommunityCard({ community }: { community: Community }) {
  const { t } = useI18n();
  const { status, isMember, reload } = useAuth();
  const { say } = useNotice();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const member = isMember(community.slug);

  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/communities/{slug}/members', {
          params: { path: { slug: community.slug } },
        }),
      );
      await reload();
      say(t('community.joinedNow', { name: community.name }));
    } catch (e) {
      setError(problemText(isFailure(e) ? e : failure(null)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card shadow="sm" fullHeight rounded>
      <CardBody>
        <CardTitle tag="h2" className="h4">
          <Link to={`/c/${community.slug}`}>{community.name}</Link>
        </CardTitle>
        <CardText>{community.description}</CardText>
        {member ? (
          <p className="fw-semibold mb-0">{t('community.joined')}</p>
        ) : status === 'signed-in' ? (
          <Button color="primary" onClick={join} disabled={busy} aria-label={t('community.join', { name: community.name })}>
            {t('community.joinShort')}
          </Button>
        ) : status === 'anonymous' ? (
          <Link to={`/sign-in?next=/c/${community.slug}`}>{t('community.signInToJoin')}</Link>
        ) : null}
        {error && (
          <p role="alert" className="text-danger mt-2 mb-0">
            {error}
          </p>
        )}
      </CardBody>
    </Card>
  );
}
