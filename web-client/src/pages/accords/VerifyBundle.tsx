import { useRef, useState } from 'react';
import { Button } from 'design-react-kit';
import { useI18n } from '../../i18n';
import { useTitle } from '../../components/useTitle';
import { Trail } from '../../components/Trail';
import { Loading } from '../../components/States';
import { verifyBundleText, type Report } from '../../accords/verify';
import { ReportLines } from './ReportLines';
import './accords.css';

/**
 * Anyone can check an accord's file here: it is read and checked in this browser (nothing is
 * sent anywhere), with the same rules as `comune accord verify`, and the report is shown line by
 * line.
 */
export default function VerifyBundle() {
  const { t } = useI18n();
  useTitle(t('check.title'));
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'checking' | 'no-file' | { report: Report; name: string }>('idle');

  const check = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      setState('no-file');
      input.current?.focus();
      return;
    }
    setState('checking');
    const report = await verifyBundleText(await file.text());
    setState({ report, name: file.name });
  };

  return (
    <>
      <Trail items={[{ label: t('check.title') }]} />
      <h1>{t('check.title')}</h1>
      <p className="lead">{t('check.intro')}</p>
      <p>{t('check.how')}</p>
      <form
        noValidate
        className="form-narrow mb-4"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <div className="mb-3">
          <label htmlFor="bundle-file" className="d-block fw-semibold mb-1">
            {t('check.file')}
          </label>
          <input
            ref={input}
            id="bundle-file"
            name="file"
            type="file"
            accept="application/json,.json"
            className="form-control"
            aria-describedby={state === 'no-file' ? 'bundle-error bundle-hint' : 'bundle-hint'}
            aria-invalid={state === 'no-file' ? true : undefined}
            onChange={() => void check()}
          />
          <small id="bundle-hint" className="form-text d-block">
            {t('check.fileHint')}
          </small>
          {state === 'no-file' && (
            <p id="bundle-error" role="alert" className="field-error mb-0">
              {t('check.chooseFile')}
            </p>
          )}
        </div>
        <Button type="submit" color="primary">
          {t('check.check')}
        </Button>
      </form>
      {state === 'checking' && <Loading label={t('check.checking')} />}
      {typeof state === 'object' && (
        <section aria-labelledby="report-heading" className="verify-result">
          <h2 id="report-heading">{t('check.report', { name: state.name })}</h2>
          <ReportLines report={state.report} />
        </section>
      )}
    </>
  );
}
