import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from 'design-react-kit';
import { failure, isFailure, type Failure } from '../api/client';
import { useI18n } from '../i18n';

/**
 * A button that asks first, in the kit's dialog (focus moves in, stays there, and goes back to
 * the button on "No" or Escape), for steps that cannot be undone: deleting, moving an accord on,
 * signing, revoking a key. On a refusal the dialog stays open with the reason, in `explain`'s
 * words.
 */
export function Confirm({
  id,
  label,
  accessibleLabel,
  title,
  text,
  yes,
  no,
  busyLabel,
  act,
  done,
  explain,
  color = 'primary',
  outline,
  size,
}: {
  /** Prefix of the dialog's element ids; unique on the page. */
  id: string;
  label: string;
  accessibleLabel?: string;
  title: string;
  text: ReactNode;
  yes: string;
  /** The button that closes the dialog without acting (default: "No"). */
  no?: string;
  busyLabel: string;
  act: () => Promise<void>;
  /** Runs after the dialog closed on success (focus may move, the page may reload). */
  done: () => void;
  explain: (f: Failure) => string;
  color?: 'primary' | 'danger';
  outline?: boolean;
  size?: 'sm' | 'xs';
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [succeeded, setSucceeded] = useState(false);
  const close = () => {
    if (!busy) setOpen(false);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await act();
      setSucceeded(true);
      setOpen(false);
    } catch (e) {
      setError(explain(isFailure(e) ? e : failure(null)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        color={color}
        outline={outline}
        size={size}
        aria-label={accessibleLabel}
        aria-haspopup="dialog"
        onClick={() => {
          setError(null);
          setSucceeded(false);
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
        returnFocusAfterClose={!succeeded}
        onClosed={() => {
          if (succeeded) done();
        }}
      >
        <ModalHeader id={`${id}-title`}>{title}</ModalHeader>
        <ModalBody>
          <div>{text}</div>
          {error && (
            <p role="alert" className="text-danger fw-semibold mb-0">
              {error}
            </p>
          )}
        </ModalBody>
        <ModalFooter>
          <Button color="secondary" outline onClick={close} disabled={busy}>
            {no ?? t('accords.no')}
          </Button>
          <Button color={color} onClick={confirm} disabled={busy}>
            {busy ? busyLabel : yes}
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
}
