import { useState } from 'react';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import { useNotice } from '../../components/Notice';
import { ErrorState, Loading } from '../../components/States';
import { SelectField } from '../../components/AuthorFields';
import { useLoad } from '../../components/useLoad';
import { loadDeviceKey } from '../../accords/keystore';
import { keyController, signVersion, type SignatoryRole } from '../../accords/sign';
import type { JsonObject } from '../../accords/proof';
import { Confirm } from '../../components/Confirm';
import { useAccordWords } from './labels';
import { useAccordProblem } from './problems';

type Accord = Schemas['AccordOut'];
type Signature = Schemas['SignatureOut'];

/** This device's key, if the server has it and it is not revoked. */
function useUsableKey(account: string) {
  return useLoad(async () => {
    const device = await loadDeviceKey(account);
    if (!device?.id) return null;
    const keys = await call(api.GET('/api/v1/me/keys'));
    const registered = keys.find((k) => k.id === device.id);
    if (!registered || registered.revoked_at) return null;
    return { privateKey: device.keyPair.privateKey, keyId: registered.key_id, createdAt: registered.created_at };
  }, [account]);
}

/**
 * Signing the accord's newest version on this device: what signing means, for whom (oneself or
 * one of one's organisations, in the role that membership gives), then the proof made here with
 * the device's key and sent to the server, which checks it before keeping it.
 */
export function SignPanel({ accord, signatures, onSigned }: { accord: Accord; signatures: Signature[]; onSigned: () => void }) {
  const { t } = useI18n();
  const { status, me } = useAuth();
  const here = `/accords/${accord.id}`;
  return (
    <section aria-labelledby="sign-heading" className="accord-sign mb-5">
      <h2 id="sign-heading">{t('accords.signHeading')}</h2>
      <p>{t('accords.signIntro')}</p>
      {status === 'loading' && <Loading />}
      {status === 'anonymous' && (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>{t('accords.signInToSign')}</Link>
        </p>
      )}
      {status === 'signed-in' && me && <SignForm accord={accord} signatures={signatures} onSigned={onSigned} me={me} />}
    </section>
  );
}

function SignForm({
  accord,
  signatures,
  onSigned,
  me,
}: {
  accord: Accord;
  signatures: Signature[];
  onSigned: () => void;
  me: Schemas['MeView'];
}) {
  const { t } = useI18n();
  const { say } = useNotice();
  const words = useAccordWords();
  const explain = useAccordProblem();
  const [key, retry] = useUsableKey(me.id);
  const [forOrg, setForOrg] = useState(false);
  const [orgSlug, setOrgSlug] = useState(me.organizations[0]?.slug ?? '');
  const here = `/accords/${accord.id}`;

  if (key.state === 'loading') return <Loading />;
  if (key.state === 'error') return <ErrorState failure={key.failure} retry={retry} />;
  if (!key.data) {
    return (
      <div className="accord-box">
        <p>{t('accords.needKey')}</p>
        <Link to={`/me/keys?next=${encodeURIComponent(here)}`} className="btn btn-primary">
          {t('accords.makeKeyFirst')}
        </Link>
      </div>
    );
  }
  const usable = key.data;
  const org = forOrg ? me.organizations.find((o) => o.slug === orgSlug) : undefined;
  const role: SignatoryRole = !org ? 'self' : org.role === 'owner' ? 'legal_representative' : 'delegate';
  const mine = signatures.filter((s) => s.signatory.id === keyController(usable.keyId));
  const signedForSelf = mine.some((s) => !s.signatory.organization);
  const whom = org ? t('accords.signForOrgText', { org: org.name, role: words.role(role) }) : t('accords.signForSelfText');

  const sign = async () => {
    const organization = org
      ? (await call(api.GET('/api/v1/organizations/{slug}', { params: { path: { slug: org.slug } } }))).actor_id
      : undefined;
    const n = accord.latest_version;
    const version = await call(api.GET('/api/v1/accords/{id}/versions/{n}', { params: { path: { id: accord.id, n } } }));
    const body = await signVersion(
      version.document as unknown as JsonObject,
      { id: keyController(usable.keyId), organization, role },
      usable,
    );
    await call(
      api.POST('/api/v1/accords/{id}/versions/{n}/signatures', {
        params: { path: { id: accord.id, n } },
        body: body as unknown as Schemas['NewSignature'],
      }),
    );
  };

  return (
    <div className="accord-box">
      {signedForSelf && <p className="fw-semibold">{t('accords.alreadySignedSelf')}</p>}
      <fieldset className="mb-3">
        <legend className="h6">{t('accords.signForWhom')}</legend>
        <div className="form-check">
          <input
            className="form-check-input"
            type="radio"
            name="sign-for"
            id="sign-for-self"
            checked={!forOrg}
            onChange={() => setForOrg(false)}
          />
          <label className="form-check-label" htmlFor="sign-for-self">
            {t('accords.signForSelf')}
          </label>
        </div>
        <div className="form-check">
          <input
            className="form-check-input"
            type="radio"
            name="sign-for"
            id="sign-for-org"
            checked={forOrg}
            disabled={me.organizations.length === 0}
            aria-describedby={me.organizations.length === 0 ? 'sign-no-org' : undefined}
            onChange={() => setForOrg(true)}
          />
          <label className="form-check-label" htmlFor="sign-for-org">
            {t('accords.signForOrg')}
          </label>
        </div>
        {me.organizations.length === 0 && (
          <p id="sign-no-org" className="field-hint mb-0">
            {t('accords.noOrganizations')}
          </p>
        )}
      </fieldset>
      {forOrg && (
        <SelectField id="sign-org" label={t('accords.whichOrg')} value={orgSlug} onChange={setOrgSlug}>
          {me.organizations.map((o) => (
            <option key={o.slug} value={o.slug}>
              {o.name}
            </option>
          ))}
        </SelectField>
      )}
      <p>{whom}</p>
      <Confirm
        id="sign-confirm"
        label={t('accords.sign')}
        title={t('accords.signConfirmTitle')}
        text={
          <>
            <p>{t('accords.signConfirmText', { n: accord.latest_version, title: accord.title, whom })}</p>
            <p className="mb-0">{t('accords.signConfirmFinal')}</p>
          </>
        }
        yes={t('accords.signYes')}
        busyLabel={t('accords.signing')}
        act={sign}
        explain={explain}
        done={() => {
          say(t('accords.signedNow'));
          onSigned();
        }}
      />
    </div>
  );
}
