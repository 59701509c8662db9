import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Select } from 'design-react-kit';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { LoadMore, PagedStates } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { isAdmin } from '../components/roles';
import { Trail } from '../components/Trail';
import { usePaged } from '../components/usePaged';
import { useTitle } from '../components/useTitle';

export const ORG_KINDS = ['association', 'consulta', 'business', 'municipality', 'school', 'other'];

export function orgKind(t: (k: MessageKey) => string, kind: string) {
  const key = `org.kind.${kind}` as MessageKey;
  const text = t(key);
  return text === key ? kind : text;
}

/** Organisations (associations, Consulte, businesses, offices): the list and a new one. */
export default function Organizations() {
  const { t } = useI18n();
  useTitle(t('org.title'));
  const { status } = useAuth();
  const list = usePaged(
    (cursor) => call(api.GET('/api/v1/organizations', { params: { query: { limit: 50, cursor } } })),
    [],
  );
  const { items, setItems } = list;
  return (
    <>
      <Trail items={[{ label: t('admin.title'), to: '/admin' }, { label: t('org.title') }]} />
      <h1>{t('org.title')}</h1>
      <p className="lead">{t('org.intro')}</p>
      {status === 'signed-in' && <NewOrganization onCreated={(o) => setItems((old) => [o, ...old])} />}
      <h2>{t('org.list')}</h2>
      <PagedStates list={list} empty={t('org.empty')} />
      {items.length > 0 && (
        <ul className="list-unstyled">
          {items.map((o) => (
            <li key={o.id} className="mb-2">
              <Link to={`/admin/organizations/${o.slug}`}>{o.name}</Link>{' '}
              <Badge color="secondary">{orgKind(t, o.kind)}</Badge>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </>
  );
}

function NewOrganization({ onCreated }: { onCreated: (o: Schemas['OrganizationView']) => void }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const { say } = useNotice();
  const form = useForm();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [kind, setKind] = useState('association');
  const [community, setCommunity] = useState('');
  const [description, setDescription] = useState('');
  const kinds = isAdmin(me) ? ORG_KINDS : ORG_KINDS.filter((k) => k !== 'consulta' && k !== 'municipality');
  return (
    <section aria-labelledby="new-org" className="mb-5">
      <h2 id="new-org">{t('org.new')}</h2>
      <form
        noValidate
        className="form-narrow"
        onSubmit={form.submit(async () => {
          const o = await call(
            api.POST('/api/v1/organizations', {
              body: { name, slug, kind, description, community: community.trim() || null },
            }),
          );
          say(t('org.created', { name: o.name }));
          setName('');
          setSlug('');
          setDescription('');
          setCommunity('');
          onCreated(o);
        })}
      >
        <FormProblem form={form} />
        <Field id="org-name" label={t('admin.name')} value={name} onChange={setName} errors={form.fields.name} required />
        <Field id="org-slug" label={t('admin.slug')} hint={t('admin.slugHint')} value={slug} onChange={setSlug} errors={form.fields.slug} required />
        <Select id="org-kind" label={t('admin.kind')} value={kind} onChange={setKind}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {orgKind(t, k)}
            </option>
          ))}
        </Select>
        <Field
          id="org-community"
          label={t('org.community')}
          hint={t('org.communityHint')}
          value={community}
          onChange={setCommunity}
          errors={form.fields.community}
        />
        <Field
          id="org-description"
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
