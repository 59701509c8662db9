import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Select } from 'design-react-kit';
import { api, call, failure, isFailure, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { ErrorState, Loading, useProblemText } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { SignInFirst } from '../components/SignInFirst';
import { isAdmin, isFacilitator } from '../components/roles';
import { useLoad } from '../components/useLoad';
import { useTitle } from '../components/useTitle';
import { kindLabel } from './Community';

const CHANNEL_KINDS = ['dialogue', 'events', 'codesign', 'businesses', 'announcements'];

/**
 * Administration: neighbourhoods, channels, facilitators and channel moderators; links to
 * organisations and federation. Facilitators see the parts for their own neighbourhoods.
 */
export default function Admin() {
  const { t } = useI18n();
  useTitle(t('admin.title'));
  const { status, me } = useAuth();
  const [params] = useSearchParams();
  const [round, setRound] = useState(0);
  const [result, retry] = useLoad(
    () => call(api.GET('/api/v1/communities', { params: { query: { limit: 100 } } })),
    [round],
  );
  if (status === 'loading') return <Loading />;
  if (status !== 'signed-in') return <SignInFirst title={t('admin.title')} next="/admin" />;
  const admin = isAdmin(me);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const mine = result.data.items.filter((c) => isFacilitator(me, c.slug));
  if (!admin && mine.length === 0) {
    return (
      <>
        <h1>{t('admin.title')}</h1>
        <p className="alert alert-warning">{t('admin.notAllowed')}</p>
      </>
    );
  }
  const preset = params.get('community') ?? '';
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p className="lead">{t('admin.intro')}</p>
      <nav aria-label={t('admin.sections')} className="mb-4">
        <ul className="d-flex flex-wrap gap-3 list-unstyled">
          {admin && (
            <li>
              <a href="#new-community">{t('admin.newCommunity')}</a>
            </li>
          )}
          <li>
            <a href="#new-channel">{t('admin.newChannel')}</a>
          </li>
          {admin && (
            <li>
              <a href="#facilitators">{t('admin.facilitators')}</a>
            </li>
          )}
          <li>
            <a href="#moderators">{t('admin.moderators')}</a>
          </li>
          <li>
            <Link to="/admin/organizations">{t('admin.organizations')}</Link>
          </li>
          {admin && (
            <li>
              <Link to="/admin/federation">{t('admin.federation')}</Link>
            </li>
          )}
        </ul>
      </nav>
      {admin && <NewCommunity onCreated={() => setRound((r) => r + 1)} />}
      <NewChannel communities={mine} preset={preset} />
      {admin && <Facilitators communities={mine} />}
      <Moderators communities={mine} />
    </>
  );
}

type Community = Schemas['CommunityView'];

function CommunitySelect({
  id,
  communities,
  value,
  onChange,
}: {
  id: string;
  communities: Community[];
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Select id={id} label={t('admin.community')} value={value} onChange={onChange}>
      {[
        <option key="" value="">
          {t('admin.chooseCommunity')}
        </option>,
        ...communities.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.name}
          </option>
        )),
      ]}
    </Select>
  );
}

function NewCommunity({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  return (
    <section aria-labelledby="new-community" className="mb-5">
      <h2 id="new-community">{t('admin.newCommunity')}</h2>
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          const c = await call(api.POST('/api/v1/communities', { body: { slug, name, description } }));
          say(t('admin.communityCreated', { name: c.name }));
          setSlug('');
          setName('');
          setDescription('');
          onCreated();
        })}
      >
        <FormProblem form={form} />
        <Field id="community-name" label={t('admin.name')} value={name} onChange={setName} errors={form.fields.name} required />
        <Field
          id="community-slug"
          label={t('admin.slug')}
          hint={t('admin.slugHint')}
          value={slug}
          onChange={setSlug}
          errors={form.fields.slug}
          required
        />
        <Field
          id="community-description"
          label={t('admin.description')}
          value={description}
          onChange={setDescription}
          errors={form.fields.description}
          multiline
          rows={3}
        />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {t('admin.create')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}

function NewChannel({ communities, preset }: { communities: Community[]; preset: string }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [community, setCommunity] = useState(preset);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [kind, setKind] = useState('dialogue');
  const [visibility, setVisibility] = useState('public');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<Schemas['ChannelView'] | null>(null);
  return (
    <section aria-labelledby="new-channel" className="mb-5">
      <h2 id="new-channel">{t('admin.newChannel')}</h2>
      {created && (
        <p className="alert alert-success" role="status">
          {t('admin.channelCreated', { name: created.name })}{' '}
          <Link to={`/channels/${created.id}`}>{t('admin.openChannel', { name: created.name })}</Link>
        </p>
      )}
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          if (!community) {
            throw failure({ code: 'validation_failed', detail: '', errors: { community: [{ code: 'required', message: '' }] } }, 422);
          }
          const ch = await call(
            api.POST('/api/v1/communities/{slug}/channels', {
              params: { path: { slug: community } },
              body: { name, slug, kind, visibility, description },
            }),
          );
          setCreated(ch);
          say(t('admin.channelCreated', { name: ch.name }));
          setName('');
          setSlug('');
          setDescription('');
        })}
      >
        <FormProblem form={form} />
        <CommunitySelect id="channel-community" communities={communities} value={community} onChange={setCommunity} />
        {form.fields.community && (
          <p className="field-error" id="channel-community-error">
            {t('field.required')}
          </p>
        )}
        <Field id="channel-name" label={t('admin.name')} value={name} onChange={setName} errors={form.fields.name} required />
        <Field
          id="channel-slug"
          label={t('admin.slug')}
          hint={t('admin.slugHint')}
          value={slug}
          onChange={setSlug}
          errors={form.fields.slug}
          required
        />
        <Select id="channel-kind" label={t('admin.kind')} value={kind} onChange={setKind}>
          {CHANNEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(t, k)}
            </option>
          ))}
        </Select>
        <Select id="channel-visibility" label={t('admin.visibility')} value={visibility} onChange={setVisibility}>
          <option value="public">{t('admin.visibility.public')}</option>
          <option value="members">{t('admin.visibility.members')}</option>
        </Select>
        <Field
          id="channel-description"
          label={t('admin.description')}
          value={description}
          onChange={setDescription}
          errors={form.fields.description}
          multiline
          rows={3}
        />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {t('admin.createChannel')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}

function Facilitators({ communities }: { communities: Community[] }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [community, setCommunity] = useState('');
  const [username, setUsername] = useState('');
  return (
    <section aria-labelledby="facilitators" className="mb-5">
      <h2 id="facilitators">{t('admin.facilitators')}</h2>
      <p>{t('admin.facilitatorsIntro')}</p>
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          if (!community) {
            throw failure({ code: 'validation_failed', detail: '', errors: { community: [{ code: 'required', message: '' }] } }, 422);
          }
          await call(
            api.PUT('/api/v1/communities/{slug}/facilitators/{username}', {
              params: { path: { slug: community, username: username.trim() } },
            }),
          );
          say(t('admin.facilitatorAppointed', { name: username.trim() }));
          setUsername('');
        })}
      >
        <FormProblem form={form} />
        <CommunitySelect id="facilitator-community" communities={communities} value={community} onChange={setCommunity} />
        {form.fields.community && <p className="field-error">{t('field.required')}</p>}
        <Field
          id="facilitator-username"
          label={t('admin.username')}
          value={username}
          onChange={setUsername}
          errors={form.fields.username}
          required
        />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {t('admin.appoint')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}

function Moderators({ communities }: { communities: Community[] }) {
  const { t } = useI18n();
  const [community, setCommunity] = useState('');
  const [channelId, setChannelId] = useState('');
  const [detail] = useLoad(
    () =>
      community
        ? call(api.GET('/api/v1/communities/{slug}', { params: { path: { slug: community } } }))
        : Promise.resolve(null),
    [community],
  );
  const channels = detail.state === 'ready' && detail.data ? detail.data.channels : [];
  return (
    <section aria-labelledby="moderators" className="mb-5">
      <h2 id="moderators">{t('admin.moderators')}</h2>
      <p>{t('admin.moderatorsIntro')}</p>
      <div className="form-narrow">
        <CommunitySelect
          id="moderators-community"
          communities={communities}
          value={community}
          onChange={(v) => {
            setCommunity(v);
            setChannelId('');
          }}
        />
        {detail.state === 'loading' && <Loading />}
        {detail.state === 'error' && <ErrorState failure={detail.failure} />}
        {community && detail.state === 'ready' && (
          <Select id="moderators-channel" label={t('admin.channel')} value={channelId} onChange={setChannelId}>
            {[
              <option key="" value="">
                {t('admin.chooseChannel')}
              </option>,
              ...channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              )),
            ]}
          </Select>
        )}
      </div>
      {channelId && <ChannelModerators channelId={channelId} />}
    </section>
  );
}

function ChannelModerators({ channelId }: { channelId: string }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const problemText = useProblemText();
  const form = useForm();
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [result, retry] = useLoad(
    () => call(api.GET('/api/v1/channels/{id}', { params: { path: { id: channelId } } })),
    [channelId],
  );
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const ch = result.data;
  const name = (m: Schemas['ModeratorView']) => (m.kind === 'organization' ? `org:${m.name}` : m.name);
  return (
    <div className="mt-3">
      <h3 className="h5">{t('admin.moderatorsOf', { name: ch.name })}</h3>
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
      {ch.moderators.length === 0 ? (
        <p>{t('admin.noModerators')}</p>
      ) : (
        <ul className="list-unstyled">
          {ch.moderators.map((m) => (
            <li key={name(m)} className="d-flex flex-wrap gap-3 align-items-center mb-2">
              <span>
                {m.kind === 'organization' ? t('admin.moderatorOrg', { name: m.name }) : m.name}
              </span>
              <Button
                color="primary"
                outline
                size="xs"
                aria-label={t('admin.removeModerator', { name: m.name })}
                onClick={async () => {
                  setError(null);
                  try {
                    await call(
                      api.DELETE('/api/v1/channels/{id}/moderators/{target}', {
                        params: { path: { id: channelId, target: name(m) } },
                      }),
                    );
                    say(t('admin.moderatorRemoved', { name: m.name }));
                    retry();
                  } catch (e) {
                    setError(problemText(isFailure(e) ? e : failure(null)));
                  }
                }}
              >
                {t('admin.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          await call(
            api.PUT('/api/v1/channels/{id}/moderators/{target}', {
              params: { path: { id: channelId, target: target.trim() } },
            }),
          );
          say(t('admin.moderatorAppointed', { name: target.trim() }));
          setTarget('');
          retry();
        })}
      >
        <FormProblem form={form} />
        <Field
          id="moderator-target"
          label={t('admin.moderatorTarget')}
          hint={t('admin.moderatorTargetHint')}
          value={target}
          onChange={setTarget}
          errors={form.fields.target}
          required
        />
        <FormActions>
          <Button type="submit" color="primary" disabled={form.busy}>
            {t('admin.appoint')}
          </Button>
        </FormActions>
      </form>
    </div>
  );
}
