import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge, Button } from 'design-react-kit';
import { api, call, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { useNotice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/States';
import { useLoad } from '../../components/useLoad';
import { useTitle } from '../../components/useTitle';
import { Trail } from '../../components/Trail';
import { AccordContent } from './AccordContent';
import { AccordForm } from './AccordForm';
import { SignPanel } from './SignPanel';
import { Signatures } from './Signatures';
import { Transitions } from './Transitions';
import { Versions } from './Versions';
import { actorBase, fromContent } from './formModel';
import { communitySlug, stateColor, useAccordWords } from './labels';
import { useBundleCheck } from './useBundleCheck';
import './accords.css';

/**
 * An accord: where it is in its life, its newest version (text, parties, projects, indicators),
 * the signatures each checked in this browser, the versions and what changed between them, and
 * for those who may: the next steps, signing, and a new version.
 */
export default function AccordView() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const { status } = useAuth();
  const words = useAccordWords();
  // Bumped after a step, a signature or a new version: everything is read again, and checked again.
  const [round, setRound] = useState(0);
  const [result, retry] = useLoad(async () => {
    const path = { params: { path: { id } } };
    const accord = await call(api.GET('/api/v1/accords/{id}', path));
    const [version, versions, signatures] = await Promise.all([
      call(api.GET('/api/v1/accords/{id}/versions/{n}', { params: { path: { id, n: accord.latest_version } } })),
      call(api.GET('/api/v1/accords/{id}/versions', path)),
      call(api.GET('/api/v1/accords/{id}/signatures', path)),
    ]);
    const slug = communitySlug((version.document as unknown as { attributedTo?: unknown }).attributedTo);
    const community = slug
      ? await call(api.GET('/api/v1/communities/{slug}', { params: { path: { slug } } })).catch(() => null)
      : null;
    return { accord, version, versions, signatures, community };
  }, [id, status, round]);
  const check = useBundleCheck(id, `${round}-${status}`);
  useTitle(result.state === 'ready' ? result.data.accord.title : null);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const { accord, version, versions, signatures, community } = result.data;
  const content = version.content;
  const again = () => setRound((r) => r + 1);
  return (
    <>
      <Trail
        items={[
          ...(community
            ? [
                { label: community.name, to: `/c/${community.slug}` },
                { label: t('accords.title'), to: `/c/${community.slug}/accords` },
              ]
            : []),
          { label: accord.title },
        ]}
      />
      <article>
        <h1>{accord.title}</h1>
        <p className="mb-2">
          <Badge color={stateColor(accord.state)} className="accord-state">
            {words.state(accord.state)}
          </Badge>
        </p>
        <p>{t(`accords.stateHint.${accord.state}` as 'accords.stateHint.draft')}</p>
        {content.summary && <p className="lead">{content.summary}</p>}
        <dl className="accord-facts">
          <dt>{t('accords.period')}</dt>
          <dd>{t('accords.fromTo', { start: words.day(content.start_date), end: words.day(content.end_date) })}</dd>
          <dt>{t('accords.version')}</dt>
          <dd>{t('accords.versionOf', { n: version.number, date: formatDate(version.created_at) })}</dd>
        </dl>
        {accord.discussion_post_id && (
          <p>
            <Link to={`/posts/${accord.discussion_post_id}`}>{t('accords.discussion')}</Link>
          </p>
        )}
        {status === 'signed-in' && <Transitions accord={accord} onMoved={again} />}
        <AccordContent content={content} />
      </article>

      {accord.state === 'open_for_signature' && (
        <SignPanel accord={accord} signatures={signatures} onSigned={again} />
      )}

      <section aria-labelledby="signatures-heading" className="mb-5">
        <h2 id="signatures-heading">{t('accords.signatures')}</h2>
        <Signatures accordId={accord.id} signatures={signatures} parties={content.parties} check={check} />
      </section>

      <section aria-labelledby="versions-heading" className="mb-5">
        <h2 id="versions-heading">{t('accords.versions')}</h2>
        <Versions key={versions.length} accordId={accord.id} versions={versions} />
      </section>

      {accord.can_edit && <NewVersion accordId={accord.id} content={content} onSaved={again} />}
    </>
  );
}

/** "New version": the form, filled in with the newest version, behind a button. */
function NewVersion({ accordId, content, onSaved }: { accordId: string; content: Schemas['Content']; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const { say } = useNotice();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  if (!me) return null;
  return (
    <section aria-labelledby="new-version-heading" className="mb-5">
      <h2 id="new-version-heading">{t('accords.newVersion')}</h2>
      <p>{t('accords.newVersionIntro')}</p>
      {!open ? (
        <Button innerRef={opener} color="primary" onClick={() => setOpen(true)}>
          {t('accords.newVersionOpen')}
        </Button>
      ) : (
        <AccordForm
          initial={fromContent(content, locale, actorBase(me))}
          me={me}
          submitLabel={t('accords.form.saveVersion')}
          busyLabel={t('accords.form.saving')}
          onCancel={() => {
            setOpen(false);
            requestAnimationFrame(() => opener.current?.focus());
          }}
          onSubmit={async (c) => {
            await call(api.POST('/api/v1/accords/{id}/versions', { params: { path: { id: accordId } }, body: c }));
            say(t('accords.versionSaved'));
            setOpen(false);
            onSaved();
          }}
        />
      )}
    </section>
  );
}
