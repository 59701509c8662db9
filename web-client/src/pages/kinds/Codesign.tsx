import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Badge,
  Button,
  Callout,
  CalloutText,
  CalloutTitle,
  Card,
  CardBody,
  CardTitle,
  StepperContainer,
  StepperHeader,
  StepperHeaderElement,
} from 'design-react-kit';
import { api, call, failure, isFailure } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/it';
import { useAuth } from '../../auth';
import { useNotice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/States';
import { Field, FormActions, FormProblem, useForm } from '../../components/Form';
import { useLoad } from '../../components/useLoad';
import { canSteer, loadWholeFeed, useReason, type Channel, type Post } from './common';
import './kinds.css';

export const PHASES = ['needs', 'ideas', 'proposals', 'decision', 'implementation', 'closed'] as const;

export function phaseLabel(t: (k: MessageKey) => string, phase: string): string {
  const key = `codesign.phase.${phase}` as MessageKey;
  const text = t(key);
  return text === key ? phase : text;
}

/** The phases as an ordered list: done, current (aria-current="step") and to come. */
export function PhaseStepper({ phase }: { phase: string }) {
  const { t } = useI18n();
  const current = PHASES.indexOf(phase as (typeof PHASES)[number]);
  return (
    <StepperContainer className="phase-stepper mb-3" aria-label={t('codesign.phases')}>
      <StepperHeader>
        {PHASES.map((p, i) => (
          <StepperHeaderElement
            key={p}
            variant={i === current ? 'active' : i < current ? 'confirmed' : undefined}
            aria-current={i === current ? 'step' : undefined}
            stepperNumber={i + 1}
            noLine={i !== current}
          >
            <span>
              {phaseLabel(t, p)}
              <span className="visually-hidden">
                {' '}
                ({i < current ? t('codesign.stepDone') : i === current ? t('codesign.stepNow') : t('codesign.stepNext')})
              </span>
            </span>
          </StepperHeaderElement>
        ))}
      </StepperHeader>
    </StepperContainer>
  );
}

/** A co-design channel: its processes, with the phase each one is in. */
export function Processes({ channel }: { channel: Channel }) {
  const { t, plural, formatDate } = useI18n();
  const { status } = useAuth();
  const [result, retry] = useLoad(() => loadWholeFeed(channel.id), [channel.id, status]);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const processes = result.data.filter((p) => p.process && !p.parent_id);
  return (
    <>
      <p>{t('codesign.intro')}</p>
      {status === 'signed-in' && channel.can_post && (
        <p className="my-3">
          <Link className="btn btn-primary" to={`/channels/${channel.id}/new-process`}>
            {t('author.processCreate')}
          </Link>
        </p>
      )}
      <h2 className="mt-4">{t('codesign.processes')}</h2>
      {processes.length === 0 && <Empty>{t('codesign.none')}</Empty>}
      <ul className="list-unstyled">
        {processes.map((p) => (
          <li key={p.id} className="mb-3">
            <Card shadow="sm" rounded>
              <CardBody>
                <CardTitle tag="h3" className="h5">
                  <Link to={`/posts/${p.id}`}>{p.title}</Link>
                </CardTitle>
                <p className="mb-1">
                  <Badge color="primary" className="me-2">
                    {t('codesign.phaseNow', { phase: phaseLabel(t, p.process!.phase) })}
                  </Badge>
                  {plural('codesign.proposalCount', Number(p.process!.proposal_count))}
                </p>
                <p className="mb-0">
                  {t('channel.byOn', { author: p.author.display_name, date: formatDate(p.created_at) })}
                </p>
              </CardBody>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The process part of its post page: phases, the decision, the proposals and their support. */
export function ProcessDetails({ post: initial, channel }: { post: Post; channel: Channel }) {
  const { t, formatDate } = useI18n();
  const { status, isMember } = useAuth();
  const [post, setPost] = useState(initial);
  const [round, setRound] = useState(0);
  const [proposals, retry] = useLoad(
    () => call(api.GET('/api/v1/posts/{id}/proposals', { params: { path: { id: post.id } } })),
    [post.id, status, round],
  );
  const process = post.process!;
  const member = status === 'signed-in' && isMember(channel.community);
  const open = process.phase === 'ideas' || process.phase === 'proposals';
  const steer = canSteer(channel);
  const chosen = new Set(process.chosen);
  const list = proposals.state === 'ready' ? proposals.data : [];

  return (
    <>
      <section aria-labelledby="phase-heading" className="my-4">
        <h2 id="phase-heading">{t('codesign.whereWeAre')}</h2>
        <PhaseStepper phase={process.phase} />
        <p className="lead">{t(`codesign.phaseText.${process.phase}` as MessageKey)}</p>
        {process.outcome && (
          <Callout color="success" className="outcome">
            <CalloutTitle tag="h3">{t('codesign.decision')}</CalloutTitle>
            <CalloutText>
              {process.outcome}
              {process.decided_at && (
                <span className="d-block mt-2">{t('codesign.decidedOn', { date: formatDate(process.decided_at) })}</span>
              )}
            </CalloutText>
          </Callout>
        )}
        {steer && <Steering post={post} proposals={list} onChanged={(p) => { setPost(p); setRound((r) => r + 1); }} />}
      </section>

      <section aria-labelledby="proposals-heading" className="my-4">
        <h2 id="proposals-heading">{t('codesign.proposals')}</h2>
        {process.phase === 'ideas' && <p>{t('codesign.supportLater')}</p>}
        {proposals.state === 'loading' && <Loading />}
        {proposals.state === 'error' && <ErrorState failure={proposals.failure} retry={retry} />}
        {proposals.state === 'ready' && list.length === 0 && <Empty>{t('codesign.noProposals')}</Empty>}
        <ul className="list-unstyled">
          {list.map((p) => (
            <li key={p.id} className="mb-3">
              <Card shadow="sm" rounded className={chosen.has(p.id) ? 'proposal-chosen' : undefined}>
                <CardBody>
                  <CardTitle tag="h3" className="h5">
                    <Link to={`/posts/${p.id}`}>{p.title}</Link>
                  </CardTitle>
                  {chosen.has(p.id) && (
                    <p className="mb-1">
                      <Badge color="success">{t('codesign.chosen')}</Badge>
                    </p>
                  )}
                  <div className="proposal-body" dangerouslySetInnerHTML={{ __html: p.body_html }} />
                  <p className="mb-2 text-secondary-emphasis">
                    {t('channel.byOn', { author: p.author.display_name, date: formatDate(p.created_at) })}
                  </p>
                  <Support proposal={p} phase={process.phase} member={member} />
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
        {open && member && <Propose processId={post.id} onAdded={() => setRound((r) => r + 1)} />}
        {open && status === 'signed-in' && !isMember(channel.community) && (
          <p>
            <Link to={`/c/${channel.community}`}>{t('codesign.joinToPropose')}</Link>
          </p>
        )}
        {open && status === 'anonymous' && (
          <p>
            <Link to={`/sign-in?next=/posts/${post.id}`}>{t('codesign.signInToPropose')}</Link>
          </p>
        )}
      </section>
    </>
  );
}

/** The support count, and the button to give or take back one's support (proposals phase). */
export function Support({ proposal, phase, member }: { proposal: Post; phase: string | null; member: boolean }) {
  const { t, plural } = useI18n();
  const { say } = useNotice();
  const reason = useReason();
  const [liked, setLiked] = useState(proposal.liked_by_me);
  const [count, setCount] = useState(Number(proposal.like_count));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      const path = { params: { path: { id: proposal.id } } };
      if (liked) await call(api.DELETE('/api/v1/posts/{id}/reactions', path));
      else await call(api.POST('/api/v1/posts/{id}/reactions', path));
      const fresh = await call(api.GET('/api/v1/posts/{id}', path));
      setLiked(fresh.liked_by_me);
      setCount(Number(fresh.like_count));
      say(t(fresh.liked_by_me ? 'codesign.supportGiven' : 'codesign.supportTaken', { title: proposal.title }));
    } catch (e) {
      setError(reason(isFailure(e) ? e : failure(null)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="d-flex flex-wrap gap-3 align-items-center">
      <span className="fw-semibold support-count">{plural('codesign.supports', count)}</span>
      {liked && <Badge color="success">{t('codesign.youSupport')}</Badge>}
      {member && phase === 'proposals' && (
        <Button
          className="toggle-button"
          color="primary"
          outline={liked}
          size="sm"
          aria-pressed={liked}
          aria-label={t('codesign.supportLabel', { title: proposal.title })}
          onClick={toggle}
          disabled={busy}
        >
          {liked ? t('codesign.supporting') : t('codesign.support')}
        </Button>
      )}
      {error && (
        <p role="alert" className="text-danger fw-semibold mb-0 w-100">
          {error}
        </p>
      )}
    </div>
  );
}

function Propose({ processId, onAdded }: { processId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  return (
    <section aria-labelledby="propose-heading" className="mt-4">
      <h3 id="propose-heading">{t('codesign.propose')}</h3>
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          await call(
            api.POST('/api/v1/posts/{id}/proposals', {
              params: { path: { id: processId } },
              body: { title, body },
            }),
          );
          setTitle('');
          setBody('');
          onAdded();
          say(t('codesign.proposed'));
        })}
      >
        <FormProblem form={form} />
        <Field id="proposal-title" label={t('codesign.proposalTitle')} value={title} onChange={setTitle} errors={form.fields.title} required />
        <Field
          id="proposal-body"
          label={t('codesign.proposalBody')}
          hint={t('codesign.proposalBodyHint')}
          value={body}
          onChange={setBody}
          errors={form.fields.body ?? form.fields.phase}
          multiline
          rows={4}
        />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {form.busy ? t('post.sending') : t('codesign.sendProposal')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}

/** For the facilitators: move to the next phase; in the decision phase, record the outcome. */
function Steering({ post, proposals, onChanged }: { post: Post; proposals: Post[]; onChanged: (p: Post) => void }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const reason = useReason();
  const form = useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const phase = post.process!.phase;
  const next = PHASES[PHASES.indexOf(phase as (typeof PHASES)[number]) + 1];
  const advance = async () => {
    if (!next) return;
    setBusy(true);
    setError(null);
    try {
      const p = await call(
        api.POST('/api/v1/posts/{id}/phase', { params: { path: { id: post.id } }, body: { to: next } }),
      );
      onChanged(p);
      say(t('codesign.movedTo', { phase: phaseLabel(t, next) }));
    } catch (e) {
      setError(reason(isFailure(e) ? e : failure(null)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="steer-box p-3 rounded border my-3">
      <h3 className="h5">{t('codesign.steer')}</h3>
      {phase === 'decision' && !post.process!.outcome && (
        <form
          noValidate
          className="mb-3"
          onSubmit={form.submit(async () => {
            const p = await call(
              api.POST('/api/v1/posts/{id}/outcome', {
                params: { path: { id: post.id } },
                body: { outcome, chosen: picked },
              }),
            );
            onChanged(p);
            say(t('codesign.decided'));
          })}
        >
          <FormProblem form={form} />
          <Field id="outcome" label={t('codesign.outcomeLabel')} value={outcome} onChange={setOutcome} errors={form.fields.outcome} multiline rows={3} />
          {proposals.length > 0 && (
            <fieldset className="mb-3">
              <legend className="h6">{t('codesign.chooseProposals')}</legend>
              {proposals.map((p) => (
                <div className="form-check" key={p.id}>
                  <input
                    id={`chosen-${p.id}`}
                    type="checkbox"
                    checked={picked.includes(p.id)}
                    onChange={(e) =>
                      setPicked((old) => (e.target.checked ? [...old, p.id] : old.filter((x) => x !== p.id)))
                    }
                  />
                  <label htmlFor={`chosen-${p.id}`}>{p.title}</label>
                </div>
              ))}
            </fieldset>
          )}
          <FormActions>
            <Button type="submit" color="primary" disabled={form.busy}>
              {t('codesign.recordDecision')}
            </Button>
          </FormActions>
        </form>
      )}
      {next && (
        <Button color="primary" outline onClick={advance} disabled={busy}>
          {t('codesign.moveTo', { phase: phaseLabel(t, next) })}
        </Button>
      )}
      {error && (
        <Alert color="danger" role="alert" className="mt-3 mb-0">
          {error}
        </Alert>
      )}
    </div>
  );
}

/** On a proposal's own page: the process it belongs to, and its support. */
export function ProposalDetails({ post, channel }: { post: Post; channel: Channel }) {
  const { t } = useI18n();
  const { status, isMember } = useAuth();
  const [parent] = useLoad(
    () => call(api.GET('/api/v1/posts/{id}', { params: { path: { id: post.parent_id! } } })),
    [post.parent_id],
  );
  const phase = parent.state === 'ready' ? (parent.data.process?.phase ?? null) : null;
  return (
    <section aria-label={t('codesign.proposalOf')} className="my-4">
      {parent.state === 'ready' && (
        <p>
          {t('codesign.proposalOf')}{' '}
          <Link to={`/posts/${parent.data.id}`}>{parent.data.title}</Link>{' '}
          <Badge color="primary">{t('codesign.phaseNow', { phase: phaseLabel(t, phase ?? '') })}</Badge>
        </p>
      )}
      {parent.state === 'ready' && (
        <Support proposal={post} phase={phase} member={status === 'signed-in' && isMember(channel.community)} />
      )}
    </section>
  );
}
