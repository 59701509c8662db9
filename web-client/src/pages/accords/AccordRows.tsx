import type { FieldErrors } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/it';
import { Field } from '../../components/Form';
import { SelectField } from '../../components/AuthorFields';
import { RowList } from './RowList';
import { PARTY_KINDS, PROJECT_KINDS, useAccordWords } from './labels';
import { newUid, slugify, uniqueKey, type IndicatorRow, type PartyRow, type ProjectRow } from './formModel';

/** A row's field errors from the last refusal, by the row and the server's field name. */
export type RowErrors = (list: 'parties' | 'projects' | 'indicators', uid: number, field: string) => FieldErrors[string] | undefined;

interface Keyed {
  uid: number;
  key: string;
  keyTouched: boolean;
}

/** A row with a new name: its key follows the name until someone types a key themself. */
function named<R extends Keyed>(rows: R[], row: R, patch: Partial<R>, name: string): R {
  if (row.keyTouched) return { ...row, ...patch };
  const taken = rows.filter((r) => r.uid !== row.uid).map((r) => r.key);
  return { ...row, ...patch, key: uniqueKey(slugify(name), taken) };
}

/** Errors shown outside a field (a whole row, a group of boxes): our words for known codes. */
function useErrorText() {
  const { t } = useI18n();
  return (errors: FieldErrors[string] | undefined) =>
    (errors ?? [])
      .map((x) => {
        const key = `field.${x.code}` as MessageKey;
        const text = t(key);
        return text === key ? x.message : text;
      })
      .join(' ');
}

function KeyField({ id, value, onChange, errors }: { id: string; value: string; onChange: (v: string) => void; errors?: FieldErrors[string] }) {
  const { t } = useI18n();
  return <Field id={id} label={t('accords.form.key')} hint={t('accords.form.keyHint')} value={value} onChange={onChange} errors={errors} />;
}

export function PartiesEditor({
  rows,
  setRows,
  errors,
  organizations,
}: {
  rows: PartyRow[];
  setRows: (rows: PartyRow[]) => void;
  errors: RowErrors;
  organizations: { actor_id: string; name: string }[];
}) {
  const { t } = useI18n();
  const words = useAccordWords();
  const errorText = useErrorText();
  const put = (row: PartyRow) => setRows(rows.map((r) => (r.uid === row.uid ? row : r)));
  return (
    <RowList
      id="parties"
      legend={t('accords.parties')}
      hint={t('accords.form.partiesHint')}
      none={t('accords.noParties')}
      rows={rows}
      onAdd={() => {
        const row: PartyRow = { uid: newUid(), key: '', keyTouched: false, kind: 'association', name: '', organization: '', person: '' };
        setRows([...rows, row]);
        return row;
      }}
      onRemove={(i) => setRows(rows.filter((_, j) => j !== i))}
      addLabel={t('accords.form.addParty')}
      removeLabel={(n) => t('accords.form.removeParty', { n })}
      added={(n) => t('accords.form.rowAdded', { n })}
      removed={(n) => t('accords.form.rowRemoved', { n })}
      firstField={(r) => `party-${r.uid}-name`}
    >
      {(r, i) => {
        const e = (field: string) => errors('parties', r.uid, field);
        return (
          <fieldset>
            <legend className="h6">{t('accords.form.partyN', { n: i + 1 })}</legend>
            {e('') && <p className="field-error">{errorText(e(''))}</p>}
            <Field id={`party-${r.uid}-name`} label={t('accords.form.partyName')} value={r.name} errors={e('name')} required
              onChange={(name) => put(named(rows, r, { name }, name))} />
            <SelectField id={`party-${r.uid}-kind`} label={t('accords.form.partyKind')} value={r.kind} errors={e('kind')}
              onChange={(kind) => put({ ...r, kind })}>
              {PARTY_KINDS.map((k) => (
                <option key={k} value={k}>{words.partyKind(k)}</option>
              ))}
            </SelectField>
            {r.kind === 'volunteer' ? (
              <Field id={`party-${r.uid}-person`} label={t('accords.form.partyPerson')} hint={t('accords.form.partyPersonHint')}
                value={r.person} errors={e('person')} onChange={(person) => put({ ...r, person, organization: '' })} />
            ) : (
              <SelectField id={`party-${r.uid}-org`} label={t('accords.form.partyOrg')} hint={t('accords.form.partyOrgHint')}
                value={r.organization} errors={e('organization')} onChange={(organization) => put({ ...r, organization, person: '' })}>
                <option value="">{t('accords.form.none')}</option>
                {organizations.map((o) => (
                  <option key={o.actor_id} value={o.actor_id}>{o.name}</option>
                ))}
              </SelectField>
            )}
            <KeyField id={`party-${r.uid}-key`} value={r.key} errors={e('key')} onChange={(key) => put({ ...r, key, keyTouched: true })} />
          </fieldset>
        );
      }}
    </RowList>
  );
}

export function ProjectsEditor({
  rows,
  setRows,
  parties,
  errors,
}: {
  rows: ProjectRow[];
  setRows: (rows: ProjectRow[]) => void;
  parties: PartyRow[];
  errors: RowErrors;
}) {
  const { t } = useI18n();
  const words = useAccordWords();
  const errorText = useErrorText();
  const put = (row: ProjectRow) => setRows(rows.map((r) => (r.uid === row.uid ? row : r)));
  return (
    <RowList
      id="projects"
      legend={t('accords.projects')}
      hint={t('accords.form.projectsHint')}
      none={t('accords.noProjects')}
      rows={rows}
      onAdd={() => {
        const row: ProjectRow = { uid: newUid(), key: '', keyTouched: false, kind: 'community_care', title: '', description: '', budget: '', owners: [] };
        setRows([...rows, row]);
        return row;
      }}
      onRemove={(i) => setRows(rows.filter((_, j) => j !== i))}
      addLabel={t('accords.form.addProject')}
      removeLabel={(n) => t('accords.form.removeProject', { n })}
      added={(n) => t('accords.form.rowAdded', { n })}
      removed={(n) => t('accords.form.rowRemoved', { n })}
      firstField={(r) => `project-${r.uid}-title`}
    >
      {(r, i) => {
        const e = (field: string) => errors('projects', r.uid, field);
        const ownersError = e('owners');
        return (
          <fieldset>
            <legend className="h6">{t('accords.form.projectN', { n: i + 1 })}</legend>
            <Field id={`project-${r.uid}-title`} label={t('accords.form.projectTitle')} value={r.title} errors={e('title')} required
              onChange={(title) => put(named(rows, r, { title }, title))} />
            <SelectField id={`project-${r.uid}-kind`} label={t('accords.projectKind')} hint={t('accords.form.projectKindHint')}
              value={r.kind} errors={e('kind')} onChange={(kind) => put({ ...r, kind })}>
              {PROJECT_KINDS.map((k) => (
                <option key={k} value={k}>{words.projectKind(k)}</option>
              ))}
            </SelectField>
            <Field id={`project-${r.uid}-description`} label={t('accords.form.projectDescription')} value={r.description}
              errors={e('description')} multiline rows={3} onChange={(description) => put({ ...r, description })} />
            <Field id={`project-${r.uid}-budget`} label={t('accords.form.budget')} hint={t('accords.form.budgetHint')} value={r.budget}
              errors={e('budget_cents')} onChange={(budget) => put({ ...r, budget })} />
            <fieldset className="mb-4" aria-describedby={ownersError ? `project-${r.uid}-owners-error` : undefined}>
              <legend className="fs-6 fw-semibold">{t('accords.owners')}</legend>
              {parties.length === 0 && <p className="field-hint">{t('accords.form.ownersNone')}</p>}
              {parties.map((p) => (
                <div className="form-check" key={p.uid}>
                  <input
                    className="form-check-input"
                    type="checkbox"
                    id={`project-${r.uid}-owner-${p.uid}`}
                    checked={r.owners.includes(p.uid)}
                    onChange={(ev) =>
                      put({ ...r, owners: ev.target.checked ? [...r.owners, p.uid] : r.owners.filter((u) => u !== p.uid) })
                    }
                  />
                  <label className="form-check-label" htmlFor={`project-${r.uid}-owner-${p.uid}`}>
                    {p.name || t('accords.form.partyN', { n: parties.indexOf(p) + 1 })}
                  </label>
                </div>
              ))}
              {ownersError && (
                <p id={`project-${r.uid}-owners-error`} className="field-error">
                  {errorText(ownersError)}
                </p>
              )}
            </fieldset>
            <KeyField id={`project-${r.uid}-key`} value={r.key} errors={e('key')} onChange={(key) => put({ ...r, key, keyTouched: true })} />
          </fieldset>
        );
      }}
    </RowList>
  );
}

export function IndicatorsEditor({
  rows,
  setRows,
  projects,
  errors,
}: {
  rows: IndicatorRow[];
  setRows: (rows: IndicatorRow[]) => void;
  projects: ProjectRow[];
  errors: RowErrors;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const put = (row: IndicatorRow) => setRows(rows.map((r) => (r.uid === row.uid ? row : r)));
  return (
    <RowList
      id="indicators"
      legend={t('accords.indicators')}
      hint={t('accords.form.indicatorsHint')}
      none={t('accords.noIndicators')}
      rows={rows}
      onAdd={() => {
        const row: IndicatorRow = { uid: newUid(), key: '', keyTouched: false, name: '', unit: '', baseline: '', target: '', project: null };
        setRows([...rows, row]);
        return row;
      }}
      onRemove={(i) => setRows(rows.filter((_, j) => j !== i))}
      addLabel={t('accords.form.addIndicator')}
      removeLabel={(n) => t('accords.form.removeIndicator', { n })}
      added={(n) => t('accords.form.rowAdded', { n })}
      removed={(n) => t('accords.form.rowRemoved', { n })}
      firstField={(r) => `indicator-${r.uid}-name`}
    >
      {(r, i) => {
        const e = (field: string) => errors('indicators', r.uid, field);
        return (
          <fieldset>
            <legend className="h6">{t('accords.form.indicatorN', { n: i + 1 })}</legend>
            {e('') && <p className="field-error">{errorText(e(''))}</p>}
            <Field id={`indicator-${r.uid}-name`} label={t('accords.form.indicatorName')} hint={t('accords.form.indicatorNameHint')}
              value={r.name} errors={e('name')} required onChange={(name) => put(named(rows, r, { name }, name))} />
            <Field id={`indicator-${r.uid}-unit`} label={t('accords.form.unit')} hint={t('accords.form.unitHint')} value={r.unit}
              errors={e('unit')} required onChange={(unit) => put({ ...r, unit })} />
            <Field id={`indicator-${r.uid}-baseline`} label={t('accords.baseline')} hint={t('accords.form.baselineHint')}
              value={r.baseline} errors={e('baseline')} required onChange={(baseline) => put({ ...r, baseline })} />
            <Field id={`indicator-${r.uid}-target`} label={t('accords.target')} hint={t('accords.form.targetHint')} value={r.target}
              errors={e('target')} required onChange={(target) => put({ ...r, target })} />
            <SelectField id={`indicator-${r.uid}-project`} label={t('accords.measures')} value={r.project === null ? '' : String(r.project)}
              errors={e('project')} onChange={(v) => put({ ...r, project: v ? Number(v) : null })}>
              <option value="">{t('accords.form.noProject')}</option>
              {projects.map((p, j) => (
                <option key={p.uid} value={p.uid}>{p.title || t('accords.form.projectN', { n: j + 1 })}</option>
              ))}
            </SelectField>
            <KeyField id={`indicator-${r.uid}-key`} value={r.key} errors={e('key')} onChange={(key) => put({ ...r, key, keyTouched: true })} />
          </fieldset>
        );
      }}
    </RowList>
  );
}
