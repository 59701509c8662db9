import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/it';
import type { Check, Report } from '../../accords/verify';

const TIMES = ['created', 'registered', 'revoked'];

/** One report line in words: what was checked, and what was found. */
export function useCheckText() {
  const { t, formatDate } = useI18n();
  return (check: Check): { subject: string; detail: string } => {
    const s = check.subject;
    const subject =
      s.kind === 'version'
        ? t('check.subject.version', { n: s.number })
        : s.kind === 'key'
          ? t('check.subject.key', { id: s.id })
          : s.kind === 'signature'
            ? t('check.subject.signature', { index: s.index, who: s.who, version: s.version })
            : t('check.subject.bundle');
    const vars: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(check.vars)) {
      vars[name] = TIMES.includes(name) && typeof value === 'string' ? formatDate(value) : value;
    }
    if (check.code === 'proof_failed') {
      const reasonKey = `check.proof.${check.vars.reason}` as MessageKey;
      const reason = t(reasonKey, { field: String(check.vars.field) });
      vars.reason = reason === reasonKey ? String(check.vars.reason) : reason;
    }
    const key = `check.code.${check.code}` as MessageKey;
    const detail = t(key, vars);
    return { subject, detail: detail === key ? check.code : detail };
  };
}

/** The words for one line's outcome, never its colour alone. */
export function CheckLine({ check }: { check: Check }) {
  const { t } = useI18n();
  const text = useCheckText();
  const { subject, detail } = text(check);
  return (
    <li className={check.ok ? 'check-line check-ok' : 'check-line check-failed'}>
      <span className="check-outcome">
        <span aria-hidden="true">{check.ok ? '✓ ' : '✗ '}</span>
        {check.ok ? t('check.passed') : t('check.failed')}
      </span>{' '}
      <span className="fw-semibold">{subject}</span>: {detail}
    </li>
  );
}

/** The verdict first, then every line of the report. */
export function ReportLines({ report }: { report: Report }) {
  const { t, plural } = useI18n();
  const failed = report.checks.filter((c) => !c.ok).length;
  return (
    <>
      <p className={report.ok ? 'verify-verdict verdict-ok' : 'verify-verdict verdict-failed'} role="status">
        {report.ok ? t('check.allPassed') : plural('check.someFailed', failed)}
      </p>
      <ol className="list-unstyled verify-report">
        {report.checks.map((c, i) => (
          <CheckLine key={i} check={c} />
        ))}
      </ol>
    </>
  );
}
