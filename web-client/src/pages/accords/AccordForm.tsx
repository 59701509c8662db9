import { useRef, useState } from 'react';
import { Button } from 'design-react-kit';
import { api, call, failure, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Field, FormActions, FormProblem, useForm } from '../../components/Form';
import { OtherErrors } from '../../components/AuthorFields';
import { useLoad } from '../../components/useLoad';
import { IndicatorsEditor, PartiesEditor, ProjectsEditor, type RowErrors } from './AccordRows';
import { actorBase, toContent, type Draft } from './formModel';

type Content = Schemas['Content'];
type Lists = { parties: number[]; projects: number[]; indicators: number[] };

const ROW_FIELD = /^(parties|projects|indicators)\[(\d+)\](?:\.(\w+))?$/;
const TOP_FIELDS = ['title', 'summary', 'text', 'start_date', 'end_date'];

/**
 * The whole content of a version: title, summary, text, dates, and the parties, projects and
 * indicators as rows. It drafts a new accord and writes a new version alike (the server takes
 * the whole content each time). A refusal keeps what was typed and puts each reason by its
 * field, rows found by their place when the form was sent.
 */
export function AccordForm({
  initial,
  me,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  me: Schemas['MeView'];
  submitLabel: string;
  busyLabel: string;
  onSubmit: (content: Content) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const form = useForm();
  const [draft, setDraft] = useState<Draft>(initial);
  const sent = useRef<Lists>({ parties: [], projects: [], indicators: [] });
  // Parties may be linked to a registered organisation; the first hundred are offered.
  const [orgs] = useLoad(() => call(api.GET('/api/v1/organizations', { params: { query: { limit: 100 } } })), []);
  const organizations = orgs.state === 'ready' ? orgs.data.items : [];
  const f = form.fields;
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const errors: RowErrors = (list, uid, field) => {
    const i = sent.current[list].indexOf(uid);
    if (i < 0) return undefined;
    return f[field ? `${list}[${i}].${field}` : `${list}[${i}]`];
  };
  const shown = (key: string) => {
    if (TOP_FIELDS.includes(key)) return true;
    const m = key.match(ROW_FIELD);
    if (!m) return false;
    const uid = sent.current[m[1] as keyof Lists][Number(m[2])];
    return draft[m[1] as keyof Lists].some((r) => r.uid === uid);
  };

  return (
    <form
      noValidate
      className="form-narrow accord-form"
      onSubmit={form.submit(async () => {
        sent.current = {
          parties: draft.parties.map((r) => r.uid),
          projects: draft.projects.map((r) => r.uid),
          indicators: draft.indicators.map((r) => r.uid),
        };
        const result = toContent(draft, actorBase(me));
        if ('errors' in result) {
          // Refused here, in the same shape as the server's refusals, before anything is sent.
          throw failure({ status: 422, code: 'validation_failed', detail: '', errors: result.errors }, 422);
        }
        await onSubmit(result.content);
      })}
    >
      <FormProblem form={form} />
      {form.problem?.code === 'forbidden' && <p className="fw-semibold">{t('accords.form.forbidden')}</p>}
      <OtherErrors fields={f} shown={shown} />
      <Field id="accord-title" label={t('accords.form.title')} value={draft.title} onChange={set('title')} errors={f.title} required />
      <Field id="accord-summary" label={t('accords.form.summary')} hint={t('accords.form.summaryHint')} value={draft.summary}
        onChange={set('summary')} errors={f.summary} multiline rows={3} />
      <Field id="accord-text" label={t('accords.form.text')} hint={t('accords.form.textHint')} value={draft.text}
        onChange={set('text')} errors={f.text} multiline rows={12} required />
      <div className="accord-dates">
        <Field id="accord-start" type="date" label={t('accords.form.start')} value={draft.startDate} onChange={set('startDate')}
          errors={f.start_date} required />
        <Field id="accord-end" type="date" label={t('accords.form.end')} value={draft.endDate} onChange={set('endDate')}
          errors={f.end_date} required />
      </div>
      <PartiesEditor rows={draft.parties} setRows={set('parties')} errors={errors} organizations={organizations} />
      <ProjectsEditor rows={draft.projects} setRows={set('projects')} parties={draft.parties} errors={errors} />
      <IndicatorsEditor rows={draft.indicators} setRows={set('indicators')} projects={draft.projects} errors={errors} />
      <FormActions>
        <Button type="submit" color="primary" disabled={form.busy}>
          {form.busy ? busyLabel : submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" color="secondary" outline onClick={onCancel}>
            {t('post.cancel')}
          </Button>
        )}
      </FormActions>
    </form>
  );
}
