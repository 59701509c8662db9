// Form pieces of the authoring screens (new process, new listing, offers): a labelled select with
// its hint and the server's reason, specific words for some refusals, and the refusals the form has
// no control for.
import type { ReactElement, ReactNode } from 'react';
import { Select } from 'design-react-kit';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/it';
import type { FieldErrors } from '../api/client';

type Errors = FieldErrors[string] | undefined;

/** The words for one field's errors: ours for codes we know (`field.*`), else the server's. */
function useErrorText() {
  const { t } = useI18n();
  return (errors: Errors): string | undefined => {
    if (!errors || errors.length === 0) return undefined;
    return errors
      .map((e) => {
        const key = `field.${e.code}` as MessageKey;
        const text = t(key);
        return text !== key ? text : e.message || e.code;
      })
      .join(' ');
  };
}

/**
 * Gives some error codes of one field words of their own (`invalid` on a web site says how to write
 * one); `Field` shows an error's message when it has no words for its code, so the code is marked.
 */
export function useExplain() {
  const { t } = useI18n();
  return (errors: Errors, texts: Partial<Record<string, MessageKey>>): Errors =>
    errors?.map((e) => {
      const key = texts[e.code];
      return key ? { code: `author:${e.code}`, message: t(key) } : e;
    });
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
  hint?: string;
  errors?: Errors;
  required?: boolean;
}

/** The kit's select, with its hint and the server's reason tied to it as `Field` does. */
export function SelectField({ id, label, value, onChange, children, hint, errors, required }: SelectFieldProps) {
  const errorText = useErrorText();
  const error = errorText(errors);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="author-select mb-4">
      <Select
        id={id}
        name={id}
        label={label}
        value={value}
        onChange={onChange}
        required={required}
        className={error ? 'is-invalid' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {children as ReactElement<'option'>[]}
      </Select>
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
    </div>
  );
}

/**
 * The server's reasons for fields this form has no control for (the whole list of opening hours,
 * say), so that no refusal goes unexplained.
 */
export function OtherErrors({ fields, shown }: { fields: FieldErrors; shown: string[] | ((key: string) => boolean) }) {
  const errorText = useErrorText();
  const isShown = typeof shown === 'function' ? shown : (key: string) => shown.includes(key);
  const rest = Object.entries(fields).filter(([key]) => !isShown(key));
  if (rest.length === 0) return null;
  return (
    <ul className="field-error author-other-errors mb-4">
      {rest.map(([key, errors]) => (
        <li key={key}>{errorText(errors)}</li>
      ))}
    </ul>
  );
}
