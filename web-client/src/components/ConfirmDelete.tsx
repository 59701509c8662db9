import { useState } from 'react';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { isFailure, failure } from '../api/client';
import { useI18n } from '../i18n';
import { useProblemText } from './States';

/**
 * A "Delete" button that first asks, in the kit's dialog: focus moves into it, stays there (Tab
 * cycles, Escape or "No" closes) and goes back to the button when it closes without deleting. On
 * a refusal the dialog stays open with the reason. After a deletion `onDeleted` runs once the
 * dialog has closed, so the caller may move focus or leave the page.
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
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const close = () => {
    if (!busy) setOpen(false);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await remove();
      setDone(true);
      setOpen(false);
    } catch (e) {
      setError(problemText(isFailure(e) ? e : failure(null)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        color="danger"
        outline
        size={size}
        aria-label={accessibleLabel}
        aria-haspopup="dialog"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Modal
        isOpen={open}
        toggle={close}
        labelledBy={`${id}-title`}
        trapFocus
        returnFocusAfterClose={!done}
        onClosed={() => {
          if (done) onDeleted();
        }}
      >
        <ModalHeader id={`${id}-title`}>{title}</ModalHeader>
        <ModalBody>
          <p>{text}</p>
          {error && (
            <p role="alert" className="text-danger fw-semibold mb-0">
              {error}
            </p>
          )}
        </ModalBody>
        <ModalFooter>
          <Button color="secondary" outline onClick={close} disabled={busy}>
            {t('edit.keep')}
          </Button>
          <Button color="danger" onClick={confirm} disabled={busy}>
            {busy ? t('edit.deleting') : t('edit.deleteConfirm')}
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
}
