import { useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Alert, Input, TextArea } from 'design-react-kit';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import { failure, isFailure, type Failure, type FieldErrors } from '../api/client';
import { useProblemText } from './States';

/** The text for one field error: our own words for known codes, else the server's message. */
function useFieldText() {
  const { t } = useI18n();
  return (errors: FieldErrors[string] | undefined): string | undefined => {
    if (!errors || errors.length === 0) return undefined;
    return errors
      .map((e) => {
        const key = `field.${e.code}` as MessageKey;
        const text = t(key);
        // Our words in the reader's language; the server's (English) sentence for codes we lack.
        return text !== key ? text : e.message || e.code;
      })
      .join(' ');
  };
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  errors?: FieldErrors[string];
  type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'url' | 'tel';
  inputMode?: 'numeric' | 'url' | 'tel' | 'email';
  autoComplete?: string;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
}

/**
 * A labelled field from the kit. Its hint and, after a refusal, the server's reason are tied to it
 * with aria-describedby, so a screen reader reads them with the field.
 */
export function Field({ id, label, value, onChange, hint, errors, type = 'text', inputMode, autoComplete, required, multiline, rows = 5 }: FieldProps) {
  const fieldText = useFieldText();
  const error = fieldText(errors);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const below = (
    <>
      {error && (
        <span id={errorId} className="d-block field-error">
          {error}
        </span>
      )}
      {hint && (
        <small id={hintId} className="form-text d-block field-hint">
          {hint}
        </small>
      )}
    </>
  ) as unknown as string; // the kit types the slot as text; it renders any node
  const common = {
    id,
    name: id,
    label,
    value,
    required,
    valid: error ? false : undefined,
    validationText: below,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  if (multiline) {
    // The kit's TextArea always sets aria-describedby to `${id}Description` (its infoText's id),
    // over ours: give that id to the error and hint so they are still read with the field.
    const described = (<span id={`${id}Description`}>{below}</span>) as unknown as string;
    return (
      <TextArea
        {...common}
        validationText={described}
        rows={rows}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <Input
      {...common}
      type={type}
      inputMode={inputMode}
      autoComplete={autoComplete}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * Form state: submitting, the last failure, and its field errors. `submit` runs the action; on a
 * refusal the input stays as typed, the summary is announced and focus goes to the first field
 * the server named (or to the summary).
 */
export function useForm() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Failure | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const submit = (action: () => Promise<void>) => async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const formElement = e.currentTarget;
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (err) {
      const f = isFailure(err) ? err : failure(null);
      setProblem(f);
      // After the render that marks the fields: the first refused field in page order.
      setTimeout(() => {
        const target = formElement.querySelector<HTMLElement>('[aria-invalid="true"]');
        (target ?? summary.current)?.focus();
      }, 0);
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    problem,
    fields: problem?.fields ?? {},
    submit,
    summary,
    clear: () => setProblem(null),
  };
}

/** The announced summary above a form: what went wrong, in plain words. */
export function FormProblem({ form }: { form: ReturnType<typeof useForm> }) {
  const { t } = useI18n();
  const text = useProblemText();
  const p = form.problem;
  return (
    <div ref={form.summary} tabIndex={-1} className="outline-none">
      {p && (
        <Alert color="danger" className="mb-4">
          {text(p)}
          {Object.keys(p.fields).length > 0 && p.code !== 'validation_failed' && (
            <> {t('form.errorSummary')}</>
          )}
        </Alert>
      )}
    </div>
  );
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="d-flex flex-wrap gap-3 align-items-center mt-2">{children}</div>;
}
