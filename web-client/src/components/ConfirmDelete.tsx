import { useI18n } from '../i18n';
import { Confirm } from './Confirm';
import { useProblemText } from './States';

/**
 * A "Delete" button that first asks, in the kit's dialog ([`Confirm`]): focus moves into it,
 * stays there (Tab cycles, Escape or "No" closes) and goes back to the button when it closes
 * without deleting. On a refusal the dialog stays open with the reason. After a deletion
 * `onDeleted` runs once the dialog has closed, so the caller may move focus or leave the page.
 */
export function ConfirmDelete({
  id,
  label,
  accessibleLabel,
  title,
  text,
  remove,
  onDeleted,
  size = 'sm',
}: {
  /** Prefix of the dialog's element ids; unique on the page. */
  id: string;
  label: string;
  accessibleLabel?: string;
  title: string;
  text: string;
  remove: () => Promise<void>;
  onDeleted: () => void;
  size?: 'sm' | 'xs';
}) {
  const { t } = useI18n();
  const problemText = useProblemText();
  return (
    <Confirm
      id={id}
      label={label}
      accessibleLabel={accessibleLabel}
      title={title}
      text={<p className="mb-0">{text}</p>}
      yes={t('edit.deleteConfirm')}
      no={t('edit.keep')}
      busyLabel={t('edit.deleting')}
      act={remove}
      done={onDeleted}
      explain={problemText}
      color="danger"
      outline
      size={size}
    />
  );
}
