import { useState } from 'react';
import { Badge, Button, Select } from 'design-react-kit';
import { api, call, failure, isFailure, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, LoadMore, Loading, PagedStates, useProblemText } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { SignInFirst } from '../components/SignInFirst';
import { Trail } from '../components/Trail';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';

type Peer = Schemas['PeerView'];
const QUEUE: (keyof Schemas['QueueStats'])[] = ['pending', 'due', 'in_flight', 'retrying', 'gave_up', 'unreachable_hosts', 'changes_waiting'];

/** For instance admins: which instances we federate with, and how deliveries are going. */
export default function Federation() {
  const { t } = useI18n();
  useTitle(t('fed.title'));
  const { status } = useAuth();
  if (status === 'loading') return <Loading />;
  if (status !== 'signed-in') return <SignInFirst title={t('fed.title')} next="/admin/federation" />;
  return <Screen />;
}

function Screen() {
  const { t, formatNumber } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [mode, setMode] = useState<string | null>(null);
  const [result, retry] = useLoad(() => call(api.GET('/api/v1/admin/federation')), []);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') {
    return (
      <>
        <h1>{t('fed.title')}</h1>
        <ErrorState failure={result.failure} retry={retry} />
      </>
    );
  }
  const s = result.data;
  const current = mode ?? s.mode;
  return (
    <>
      <Trail items={[{ label: t('admin.title'), to: '/admin' }, { label: t('fed.title') }]} />
      <h1>{t('fed.title')}</h1>
      <p className="lead">{t('fed.intro')}</p>
      <section aria-labelledby="policy-heading" className="mb-5">
        <h2 id="policy-heading">{t('fed.policy')}</h2>
        <form
          noValidate
          className="form-narrow"
          onSubmit={form.submit(async () => {
            const saved = await call(api.PUT('/api/v1/admin/federation/policy', { body: { mode: current } }));
            setMode(saved.mode);
            say(t('fed.policySaved', { mode: t(`fed.mode.${saved.mode}` as MessageKey) }));
          })}
        >
          <FormProblem form={form} />
          <Select id="fed-mode" label={t('fed.mode')} value={current} onChange={setMode}>
            <option value="open">{t('fed.mode.open')}</option>
            <option value="blocklist">{t('fed.mode.blocklist')}</option>
            <option value="allowlist">{t('fed.mode.allowlist')}</option>
          </Select>
          <FormActions>
            <Button type="submit" color="primary" disabled={form.busy}>
              {t('fed.save')}
            </Button>
          </FormActions>
        </form>
      </section>
      <section aria-labelledby="queue-heading" className="mb-5">
        <h2 id="queue-heading">{t('fed.queue')}</h2>
        <dl className="stats-list">
          {QUEUE.map((k) => (
            <div key={k} className="contents">
              <dt>{t(`fed.queue.${k}` as MessageKey)}</dt>
              <dd>{formatNumber(Number(s.queue[k]))}</dd>
            </div>
          ))}
        </dl>
        <Button color="primary" outline size="sm" onClick={retry}>
          {t('fed.refresh')}
        </Button>
      </section>
      <Instances />
    </>
  );
}

function Instances() {
  const { t, formatDate } = useI18n();
  const { say } = useNotice();
  const problemText = useProblemText();
  const form = useForm();
  const [host, setHost] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = usePaged(
    (cursor) => call(api.GET('/api/v1/admin/federation/instances', { params: { query: { limit: 50, cursor } } })),
    [],
  );
  const { items, setItems } = list;
  const update = (peer: Peer) =>
    setItems((old) => (old.some((p) => p.host === peer.host) ? old.map((p) => (p.host === peer.host ? peer : p)) : [peer, ...old]));
  const set = async (h: string, lists: Schemas['PeerLists']) => {
    setError(null);
    try {
      const peer = await call(api.PUT('/api/v1/admin/federation/instances/{host}', { params: { path: { host: h } }, body: lists }));
      update(peer);
      say(t('fed.instanceSaved', { host: h }));
    } catch (e) {
      setError(problemText(isFailure(e) ? e : failure(null)));
    }
  };
  return (
    <section aria-labelledby="instances-heading">
      <h2 id="instances-heading">{t('fed.instances')}</h2>
      <form
        noValidate
        className="form-narrow mb-4"
        onSubmit={form.submit(async () => {
          const peer = await call(
            api.PUT('/api/v1/admin/federation/instances/{host}', {
              params: { path: { host: host.trim() } },
              body: { blocked: true },
            }),
          );
          update(peer);
          say(t('fed.blocked', { host: peer.host }));
          setHost('');
        })}
      >
        <FormProblem form={form} />
        <Field id="fed-host" label={t('fed.host')} hint={t('fed.hostHint')} value={host} onChange={setHost} errors={form.fields.host} required />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {t('fed.block')}
          </Button>
        </FormActions>
      </form>
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
      <PagedStates list={list} empty={t('fed.noInstances')} />
      {items.length > 0 && (
        <ul className="list-unstyled">
          {items.map((p) => (
            <li key={p.host} className="card card-bg mb-3 p-3">
              <h3 className="h5">
                {p.host} {p.software && <span className="fw-normal">({p.software})</span>}
              </h3>
              <p className="mb-1">
                {p.blocked && <Badge color="danger" className="me-2">{t('fed.isBlocked')}</Badge>}
                {p.allowed && <Badge color="success" className="me-2">{t('fed.isAllowed')}</Badge>}
                {p.unreachable_since && (
                  <Badge color="warning" className="me-2">
                    {t('fed.unreachableSince', { date: formatDate(p.unreachable_since) })}
                  </Badge>
                )}
              </p>
              <p className="mb-2 small">
                {p.last_success_at ? t('fed.lastSuccess', { date: formatDate(p.last_success_at) }) : t('fed.noSuccess')}
                {p.failures > 0 && ` · ${t('fed.failures', { count: p.failures })}`}
              </p>
              <div className="d-flex flex-wrap gap-2">
                <Button color="primary" outline size="xs" onClick={() => set(p.host, { blocked: !p.blocked })}>
                  {p.blocked ? t('fed.unblockHost', { host: p.host }) : t('fed.blockHost', { host: p.host })}
                </Button>
                <Button color="primary" outline size="xs" onClick={() => set(p.host, { allowed: !p.allowed })}>
                  {p.allowed ? t('fed.disallowHost', { host: p.host }) : t('fed.allowHost', { host: p.host })}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </section>
  );
}
