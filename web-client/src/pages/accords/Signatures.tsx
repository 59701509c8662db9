import { Button } from 'design-react-kit';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { signatureCheck } from '../../accords/verify';
import { useProblemText } from '../../components/States';
import { CheckLine, useCheckText } from './ReportLines';
import { actorName, useAccordWords } from './labels';
import type { BundleCheck } from './useBundleCheck';

type Signature = Schemas['SignatureOut'];
type Party = Schemas['Party'];

/**
 * The chain of versions and every signature, each with what this browser's own check found:
 * "verified in your browser" only when that check passed, otherwise what failed.
 */
export function Signatures({
  accordId,
  signatures,
  parties,
  check,
}: {
  accordId: string;
  signatures: Signature[];
  parties: Party[];
  check: BundleCheck;
}) {
  const { t, formatDate } = useI18n();
  const words = useAccordWords();
  const problemText = useProblemText();
  const checkText = useCheckText();
  const orgName = (actorId: string) => parties.find((p) => p.organization === actorId)?.name ?? actorId;
  const report = check.state === 'done' ? check.report : null;
  const chainFailures = report?.checks.filter((c) => !c.ok && c.subject.kind !== 'signature') ?? [];

  const download = () => {
    if (check.state !== 'done') return;
    const blob = new Blob([JSON.stringify(check.bundle, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `accordo-${accordId}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <>
      <div className="verify-status mb-3" data-state={check.state} role="status">
        {check.state === 'checking' && <p className="mb-0">{t('accords.checking')}</p>}
        {check.state === 'error' && (
          <p className="mb-0 check-failed">
            {t('accords.checkUnavailable')} {problemText(check.failure)}
          </p>
        )}
        {report && report.chainOk && (
          <p className="mb-0 check-ok fw-semibold">
            <span aria-hidden="true">✓ </span>
            {t('accords.chainVerified')}
          </p>
        )}
        {report && !report.chainOk && (
          <>
            <p className="mb-2 check-failed fw-semibold">{t('accords.chainFailed')}</p>
            <ul className="list-unstyled">
              {chainFailures.map((c, i) => (
                <CheckLine key={i} check={c} />
              ))}
            </ul>
          </>
        )}
      </div>
      {signatures.length === 0 ? (
        <p>{t('accords.noSignatures')}</p>
      ) : (
        <ul className="list-unstyled accord-signatures">
          {signatures.map((s) => {
            const proofValue = (s.proof as unknown as { proofValue?: unknown }).proofValue;
            const line = report && typeof proofValue === 'string' ? signatureCheck(report, proofValue) : undefined;
            return (
              <li key={s.id} className="accord-box mb-3 signature">
                <p className="mb-1">
                  <span className="fw-semibold">{actorName(s.signatory.id)}</span>
                  {s.signatory.organization
                    ? ` — ${t('accords.signedFor', { org: orgName(s.signatory.organization), role: words.role(s.signatory.role) })}`
                    : ` — ${words.role(s.signatory.role)}`}
                </p>
                <p className="mb-1">{t('accords.signedOn', { date: formatDate(s.created_at), n: s.version })}</p>
                <p className="mb-0 signature-check">
                  {check.state === 'checking' && t('accords.checkingOne')}
                  {check.state === 'error' && t('accords.notChecked')}
                  {report && line?.ok && (
                    <span className="check-ok fw-semibold">
                      <span aria-hidden="true">✓ </span>
                      {t('accords.verifiedHere')}
                    </span>
                  )}
                  {report && line && !line.ok && (
                    <span className="check-failed fw-semibold">
                      <span aria-hidden="true">✗ </span>
                      {t('accords.notVerified', { why: checkText(line).detail })}
                    </span>
                  )}
                  {report && !line && (
                    <span className="check-failed fw-semibold">{t('accords.notInBundle')}</span>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {check.state === 'done' && (
        <p>
          <Button color="primary" outline size="sm" onClick={download}>
            {t('accords.downloadBundle')}
          </Button>{' '}
          <span className="field-hint">{t('accords.downloadHint')}</span>
        </p>
      )}
    </>
  );
}
