import { useState } from 'react';
import { Button } from 'design-react-kit';
import { api, call, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { ErrorState, Loading } from '../../components/States';
import { SelectField } from '../../components/AuthorFields';
import { useLoad } from '../../components/useLoad';
import { DiffView } from './DiffView';

type Summary = Schemas['VersionSummary'];

/**
 * Every version, oldest first, with its fingerprint (the SHA-256 the chain links), and what
 * changed between any two of them; the last two are compared from the start.
 */
export function Versions({ accordId, versions }: { accordId: string; versions: Summary[] }) {
  const { t, formatDate } = useI18n();
  const last = versions.length ? versions[versions.length - 1].number : 1;
  const [from, setFrom] = useState(String(Math.max(1, last - 1)));
  const [to, setTo] = useState(String(last));
  // What is shown: changes only when the button is pressed, not at each choice.
  const [shown, setShown] = useState<[number, number]>([Math.max(1, last - 1), last]);
  const [diff, retry] = useLoad(
    () =>
      shown[0] === shown[1]
        ? Promise.resolve(null)
        : call(
            api.GET('/api/v1/accords/{id}/versions/{a}/diff/{b}', {
              params: { path: { id: accordId, a: shown[0], b: shown[1] } },
            }),
          ),
    [accordId, shown[0], shown[1]],
  );
  return (
    <>
      <ol className="list-unstyled accord-versions">
        {versions.map((v) => (
          <li key={v.number} className="mb-2">
            <span className="fw-semibold">{t('accords.versionN', { n: v.number })}</span>
            {' — '}
            {v.title} — {formatDate(v.created_at)}
            <br />
            <span className="hash">
              {t('accords.fingerprint')} <code>{v.hash}</code>
            </span>
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <form
          className="diff-chooser d-flex flex-wrap gap-3 align-items-end"
          onSubmit={(e) => {
            e.preventDefault();
            setShown([Number(from), Number(to)]);
          }}
        >
          <SelectField id="diff-from" label={t('accords.diff.from')} value={from} onChange={setFrom}>
            {versions.map((v) => (
              <option key={v.number} value={v.number}>
                {t('accords.versionN', { n: v.number })}
              </option>
            ))}
          </SelectField>
          <SelectField id="diff-to" label={t('accords.diff.to')} value={to} onChange={setTo}>
            {versions.map((v) => (
              <option key={v.number} value={v.number}>
                {t('accords.versionN', { n: v.number })}
              </option>
            ))}
          </SelectField>
          <Button type="submit" color="primary" outline className="mb-4">
            {t('accords.diff.show')}
          </Button>
        </form>
      )}
      {versions.length > 1 && diff.state === 'loading' && <Loading />}
      {diff.state === 'error' && <ErrorState failure={diff.failure} retry={retry} />}
      {diff.state === 'ready' && diff.data && <DiffView diff={diff.data} from={shown[0]} to={shown[1]} />}
      {versions.length > 1 && diff.state === 'ready' && !diff.data && <p>{t('accords.diff.sameVersion')}</p>}
    </>
  );
}
