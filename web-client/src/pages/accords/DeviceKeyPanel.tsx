import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'design-react-kit';
import { api, call, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useNotice } from '../../components/Notice';
import { Field, FormActions, FormProblem, useForm } from '../../components/Form';
import { makeDeviceKey, saveDeviceKey, type DeviceKey } from '../../accords/keystore';

type Key = Schemas['KeyOut'];

/**
 * This device's key: made here (the private half stays in this browser, unexportable), then
 * registered with the server, which learns only the public half. A key made but not registered
 * (the connection dropped) is registered on the next try instead of making another.
 */
export function DeviceKeyPanel({
  account,
  device,
  keys,
  supported,
  next,
  onChanged,
}: {
  account: string;
  device: DeviceKey | null;
  keys: Key[];
  supported: boolean;
  next: string | null;
  onChanged: () => void;
}) {
  const { t, formatDate } = useI18n();
  const { say } = useNotice();
  const form = useForm();
  const [label, setLabel] = useState(device?.label || t('keys.defaultLabel'));
  const registered = device?.id ? keys.find((k) => k.id === device.id) : undefined;
  const usable = registered && !registered.revoked_at;
  // Made here but never registered: send that one, rather than making another.
  const pending = device && !device.id ? device : null;

  const register = async (key: DeviceKey) => {
    const out = await call(
      api.POST('/api/v1/me/keys', { body: { public_key_multibase: key.publicKeyMultibase, label: key.label } }),
    );
    await saveDeviceKey({ ...key, id: out.id, keyId: out.key_id, createdAt: out.created_at });
  };

  return (
    <section aria-labelledby="device-key-heading" className="accord-box mb-5">
      <h2 id="device-key-heading" className="h4">
        {t('keys.device')}
      </h2>
      {usable && registered ? (
        <>
          <p className="fw-semibold device-key-ready">
            {t('keys.deviceReady', { label: registered.label || t('keys.noLabel'), date: formatDate(registered.created_at) })}
          </p>
          {next && (
            <Link to={next} className="btn btn-primary">
              {t('keys.backToSign')}
            </Link>
          )}
        </>
      ) : !supported ? (
        <p className="fw-semibold">{t('keys.unsupported')}</p>
      ) : (
        <form
          noValidate
          className="form-narrow mt-5"
          onSubmit={form.submit(async () => {
            const key = pending ?? (await makeDeviceKey(account, label.trim()));
            await register(key);
            say(t('keys.createdNow'));
            onChanged();
          })}
        >
          <FormProblem form={form} />
          {registered?.revoked_at && <p>{t('keys.deviceRevoked')}</p>}
          {pending ? (
            <p>{t('keys.pending')}</p>
          ) : (
            <Field
              id="key-label"
              label={t('keys.label')}
              hint={t('keys.labelHint')}
              value={label}
              onChange={setLabel}
              errors={form.fields.label}
            />
          )}
          <FormActions>
            <Button type="submit" color="primary" disabled={form.busy}>
              {form.busy ? t('keys.creating') : pending ? t('keys.registerPending') : t('keys.create')}
            </Button>
          </FormActions>
        </form>
      )}
    </section>
  );
}
