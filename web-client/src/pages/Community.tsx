import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge, Button, Card, CardBody, CardText, CardTitle, Col, Row } from 'design-react-kit';
import { api, call, failure, isFailure } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { Empty, ErrorState, Loading, useProblemText } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useTitle } from '../components/useTitle';
import { Trail } from '../components/Trail';
import { CommunityLinks } from '../components/CommunityLinks';

export function kindLabel(t: (k: MessageKey) => string, kind: string): string {
  const key = `channel.kind.${kind}` as MessageKey;
  const text = t(key);
  return text === key ? kind : text;
}

/** A community's home: what it is, join or leave, and its channels. */
export default function Community() {
  const { slug = '' } = useParams();
  const { t, plural } = useI18n();
  const { status, isMember, reload } = useAuth();
  const { say } = useNotice();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const member = isMember(slug);
  // Members see members-only channels: load again when membership changes.
  const [result, retry] = useLoad(
    () => call(api.GET('/api/v1/communities/{slug}', { params: { path: { slug } } })),
    [slug, member],
  );
  useTitle(result.state === 'ready' ? result.data.name : null);

  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const c = result.data;

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      const path = { params: { path: { slug } } };
      if (member) {
        await call(api.DELETE('/api/v1/communities/{slug}/members', path));
      } else {
        await call(api.POST('/api/v1/communities/{slug}/members', path));
      }
      await reload();
      say(t(member ? 'community.leftNow' : 'community.joinedNow', { name: c.name }));
    } catch (e) {
      setError(problemText(isFailure(e) ? e : failure(null)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Trail items={[{ label: c.name }]} />
      <h1>{c.name}</h1>
      <p className="lead">{c.description}</p>
      <p>{plural('community.memberCount', Number(c.member_count))}</p>
      {status === 'signed-in' && (
        <div className="mb-4">
          {member && <p className="fw-semibold">{t('community.joined')}</p>}
          <Button color="primary" outline={member} onClick={toggle} disabled={busy}>
            {member ? t('community.leave') : t('community.join', { name: c.name })}
          </Button>
        </div>
      )}
      {status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=/c/${slug}`}>{t('community.signInToJoin')}</Link>
        </p>
      )}
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
      <CommunityLinks slug={slug} />
      <section aria-labelledby="accords-heading" className="community-accords my-4">
        <h2 id="accords-heading" className="h4">
          {t('accords.title')}
        </h2>
        <p className="mb-2">{t('community.accordsText')}</p>
        <Link to={`/c/${slug}/accords`}>{t('community.accordsLink', { name: c.name })}</Link>
      </section>
      <h2 className="mt-4">{t('community.channels')}</h2>
      {c.channels.length === 0 ? (
        <Empty>{t('community.noChannels')}</Empty>
      ) : (
        <Row tag="ul" className="list-unstyled">
          {c.channels.map((ch) => (
            <Col tag="li" xs="12" md="6" key={ch.id} className="mb-4">
              <Card shadow="sm" fullHeight rounded>
                <CardBody>
                  <CardTitle tag="h3" className="h5">
                    <Link to={`/channels/${ch.id}`}>{ch.name}</Link>
                  </CardTitle>
                  <p className="mb-2">
                    <Badge color="primary" className="me-2">
                      {kindLabel(t, ch.kind)}
                    </Badge>
                    {ch.visibility === 'members' && (
                      <Badge color="secondary">{t('community.membersOnly')}</Badge>
                    )}
                  </p>
                  {ch.description && <CardText>{ch.description}</CardText>}
                </CardBody>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
