import { api, call, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/it';
import { useNotice } from '../../components/Notice';
import { Confirm } from '../../components/Confirm';
import { useAccordWords } from './labels';
import { useAccordProblem } from './problems';

type Accord = Schemas['AccordOut'];

/**
 * The steps the server says the reader may take now (`next_states`), each behind a dialog that
 * says what the step means; the server still decides, and its refusal is shown in the dialog.
 */
export function Transitions({ accord, onMoved }: { accord: Accord; onMoved: () => void }) {
  const { t } = useI18n();
  const { say } = useNotice();
  const words = useAccordWords();
  const explain = useAccordProblem();
  if (accord.next_states.length === 0) return null;
  return (
    <section aria-labelledby="steps-heading" className="accord-box mb-4">
      <h2 id="steps-heading" className="h5">
        {t('accords.steps')}
      </h2>
      <div className="d-flex flex-wrap gap-3">
        {accord.next_states.map((to) => (
          <Confirm
            key={to}
            id={`step-${to}`}
            label={t(`accords.move.${to}` as MessageKey)}
            title={t(`accords.move.${to}` as MessageKey)}
            text={<p className="mb-0">{t(`accords.moveText.${to}` as MessageKey)}</p>}
            yes={t('accords.moveYes')}
            busyLabel={t('accords.moving')}
            color={to === 'withdrawn' ? 'danger' : 'primary'}
            outline={to === 'withdrawn'}
            act={async () => {
              await call(
                api.POST('/api/v1/accords/{id}/transitions', {
                  params: { path: { id: accord.id } },
                  body: { to },
                }),
              );
            }}
            explain={explain}
            done={() => {
              say(t('accords.movedNow', { state: words.state(to) }));
              onMoved();
            }}
          />
        ))}
      </div>
    </section>
  );
}
