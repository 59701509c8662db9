import { useState } from 'react';
import { Button, Select } from 'design-react-kit';
import { api, call, type Schemas } from '../api/client';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import { Field, FormActions, FormProblem, useForm } from './Form';

/** Which actions a moderator may take on a target of this kind. */
export const ACTIONS: Record<string, string[]> = {
  post: ['remove', 'restore', 'lock', 'unlock', 'pin', 'unpin'],
  comment: ['remove', 'restore'],
  account: ['ban', 'unban'],
};

export function actionLabel(t: (k: MessageKey) => string, action: string) {
  const key = `mod.action.${action}` as MessageKey;
  const text = t(key);
  return text === key ? action : text;
}

/**
 * A moderator's decision on a post, comment or account: the action and the reason, which is
 * published in the community's moderation log.
 */
export function ModActionForm({
  target,
  idPrefix,
  onDone,
}: {
  target: Schemas['TargetIn'];
  idPrefix: string;
  onDone: (entry: Schemas['LogEntryView']) => void;
}) {
  const { t } = useI18n();
  const form = useForm();
  const actions = ACTIONS[target.kind] ?? ['remove'];
  const [action, setAction] = useState(actions[0]);
  const [reason, setReason] = useState('');
  return (
    <form
      noValidate
      className="form-narrow"
      onSubmit={form.submit(async () => {
        const entry = await call(
          api.POST('/api/v1/moderation/actions', { body: { action, reason, target } }),
        );
        setReason('');
        onDone(entry);
      })}
    >
      <FormProblem form={form} />
      <Select id={`${idPrefix}-action`} label={t('mod.action')} value={action} onChange={setAction}>
        {actions.map((a) => (
          <option key={a} value={a}>
            {actionLabel(t, a)}
          </option>
        ))}
      </Select>
      <Field
        id={`${idPrefix}-reason`}
        label={t('mod.reason')}
        hint={t('mod.reasonHint')}
        value={reason}
        onChange={setReason}
        errors={form.fields.reason}
        required
      />
      <FormActions>
        <Button type="submit" color="primary" disabled={form.busy}>
          {t('mod.apply')}
        </Button>
      </FormActions>
    </form>
  );
}
