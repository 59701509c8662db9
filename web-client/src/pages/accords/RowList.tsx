import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Button } from 'design-react-kit';
import { useNotice } from '../../components/Notice';

/**
 * A list of rows (parties, projects, indicators) added and removed with buttons. Focus goes to
 * the new row's first field, and after a removal to the row that took its place (or to the add
 * button); each change is announced.
 */
export function RowList<R extends { uid: number }>({
  id,
  legend,
  hint,
  none,
  rows,
  onAdd,
  onRemove,
  addLabel,
  removeLabel,
  added,
  removed,
  firstField,
  children,
}: {
  id: string;
  legend: string;
  hint: string;
  none: string;
  rows: R[];
  onAdd: () => R;
  onRemove: (index: number) => void;
  addLabel: string;
  removeLabel: (n: number) => string;
  added: (n: number) => string;
  removed: (n: number) => string;
  /** The element id of a row's first field. */
  firstField: (row: R) => string;
  children: (row: R, index: number) => ReactNode;
}) {
  const { say } = useNotice();
  const addButton = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    if (!focus) return;
    const el = focus === 'add' ? addButton.current : document.getElementById(focus);
    el?.focus();
    setFocus(null);
  }, [focus]);
  return (
    <fieldset className="mb-5 accord-rows" aria-describedby={`${id}-hint`}>
      <legend className="h4">{legend}</legend>
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {rows.length === 0 && <p>{none}</p>}
      <ol className="list-unstyled">
        {rows.map((row, i) => (
          <li key={row.uid} className="accord-row mb-4">
            {children(row, i)}
            <Button
              type="button"
              color="primary"
              outline
              size="sm"
              onClick={() => {
                const next = rows[i + 1] ?? rows[i - 1];
                onRemove(i);
                setFocus(next ? firstField(next) : 'add');
                say(removed(i + 1));
              }}
            >
              {removeLabel(i + 1)}
            </Button>
          </li>
        ))}
      </ol>
      <Button
        innerRef={addButton}
        type="button"
        color="primary"
        outline
        onClick={() => {
          const row = onAdd();
          setFocus(firstField(row));
          say(added(rows.length + 1));
        }}
      >
        {addLabel}
      </Button>
    </fieldset>
  );
}
