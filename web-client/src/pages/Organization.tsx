import { useState } from 'react';
import { useParams } from 'react-router';
import { Badge, Button, Select } from 'design-react-kit';
import { api, call, failure, isFailure } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useNotice } from '../components/Notice';
import { Empty, ErrorState, Loading, useProblemText } from '../components/States';
import { Field, FormActions, FormProblem, useForm } from '../components/Form';
import { isAdmin } from '../components/roles';
import { Trail } from '../components/Trail';
import { useLoad } from '../components/useLoad';
import { useTitle } from '../components/useTitle';
import { orgKind } from './Organizations';

/** One organisation and its members; its owners (and admins) add, change and remove members. */
export default function Organization() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const { me } = useAuth();
  const { say } = useNotice();
  const problemText = useProblemText();
  const form = useForm();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState('member');
  const [error, setError] = useState<string | null>(null);
  const [result, retry] = useLoad(
    () => call(api.GET('/api/v1/organizations/{slug}', { params: { path: { slug } } })),
    [slug],
  );
  useTitle(result.state === 'ready' ? result.data.name : null);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'error') return <ErrorState failure={result.failure} retry={retry} />;
  const o = result.data;
  const owner = isAdmin(me) || o.members.some((m) => m.username === me?.username && m.role === 'owner');
  const roleName = (r: string) => (r === 'owner' ? t('org.role.owner') : t('org.role.member'));
  const remove = async (name: string) => {
    setError(null);
    try {
      await call(
        api.DELETE('/api/v1/organizations/{slug}/members/{username}', { params: { path: { slug, username: name } } }),
      );
      say(t('org.memberRemoved', { name }));
      retry();
    } catch (e) {
      setError(problemText(isFailure(e) ? e : failure(null)));
    }
  };
  return (
    <>
      <Trail
        items={[
          { label: t('admin.title'), to: '/admin' },
          { label: t('org.title'), to: '/admin/organizations' },
          { label: o.name },
        ]}
      />
      <h1>{o.name}</h1>
      <p>
        <Badge color="secondary">{orgKind(t, o.kind)}</Badge>
      </p>
      {o.description && <p className="lead">{o.description}</p>}
      <h2>{t('org.members')}</h2>
      {error && (
        <p role="alert" className="text-danger">
          {error}
        </p>
      )}
      {o.members.length === 0 ? (
        <Empty>{t('org.noMembers')}</Empty>
      ) : (
        <ul className="list-unstyled">
          {o.members.map((m) => (
            <li key={m.username} className="d-flex flex-wrap gap-3 align-items-center mb-2">
              <span>
                {m.display_name} (@{m.username}) · {roleName(m.role)}
              </span>
              {owner && (
                <Button
                  color="primary"
                  outline
                  size="xs"
                  aria-label={t('org.removeMember', { name: m.display_name })}
                  onClick={() => remove(m.username)}
                >
                  {t('admin.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {owner && (
        <section aria-labelledby="add-member" className="mt-4">
          <h2 id="add-member">{t('org.addMember')}</h2>
          <form
            noValidate
            className="form-narrow"
            onSubmit={form.submit(async () => {
              await call(
                api.PUT('/api/v1/organizations/{slug}/members/{username}', {
                  params: { path: { slug, username: username.trim() } },
                  body: { role },
                }),
              );
              say(t('org.memberSet', { name: username.trim(), role: roleName(role) }));
              setUsername('');
              retry();
            })}
          >
            <FormProblem form={form} />
            <Field id="member-username" label={t('admin.username')} value={username} onChange={setUsername} errors={form.fields.username} required />
            <Select id="member-role" label={t('org.role')} value={role} onChange={setRole}>
              <option value="member">{t('org.role.member')}</option>
              <option value="owner">{t('org.role.owner')}</option>
            </Select>
            <FormActions>
              <Button type="submit" color="primary" disabled={form.busy}>
                {t('org.saveMember')}
              </Button>
            </FormActions>
          </form>
        </section>
      )}
    </>
  );
}
