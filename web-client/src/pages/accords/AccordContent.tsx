import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Markdown } from './Markdown';
import { useAccordWords } from './labels';

type Content = Schemas['Content'];

/** What a version says: its text, who takes part, the projects with their budgets, the indicators. */
export function AccordContent({ content }: { content: Content }) {
  const { t, formatNumber } = useI18n();
  const words = useAccordWords();
  const partyName = (key: string) => content.parties.find((p) => p.key === key)?.name ?? key;
  const projectTitle = (key: string) => content.projects.find((p) => p.key === key)?.title ?? key;
  const total = content.projects.reduce((sum, p) => sum + p.budget_cents, 0);
  return (
    <>
      <section aria-labelledby="accord-text-heading" className="mb-5">
        <h2 id="accord-text-heading">{t('accords.text')}</h2>
        <Markdown text={content.text} />
      </section>

      <section aria-labelledby="accord-parties-heading" className="mb-5">
        <h2 id="accord-parties-heading">{t('accords.parties')}</h2>
        {content.parties.length === 0 ? (
          <p>{t('accords.noParties')}</p>
        ) : (
          <ul className="accord-parties">
            {content.parties.map((p) => (
              <li key={p.key}>
                <span className="fw-semibold">{p.name}</span> — {words.partyKind(p.kind)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="accord-projects-heading" className="mb-5">
        <h2 id="accord-projects-heading">{t('accords.projects')}</h2>
        {content.projects.length === 0 ? (
          <p>{t('accords.noProjects')}</p>
        ) : (
          <>
            <p>{t('accords.budgetTotal', { amount: words.euros(total) })}</p>
            <ul className="list-unstyled accord-projects">
              {content.projects.map((p) => (
                <li key={p.key} className="accord-box mb-3">
                  <h3 className="h5">{p.title}</h3>
                  <dl className="accord-facts">
                    <dt>{t('accords.projectKind')}</dt>
                    <dd>{words.projectKind(p.kind)}</dd>
                    <dt>{t('accords.budget')}</dt>
                    <dd>{words.euros(p.budget_cents)}</dd>
                    {(p.owners ?? []).length > 0 && (
                      <>
                        <dt>{t('accords.owners')}</dt>
                        <dd>{(p.owners ?? []).map(partyName).join(', ')}</dd>
                      </>
                    )}
                  </dl>
                  {p.description && <p className="mb-0">{p.description}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="accord-indicators-heading" className="mb-5">
        <h2 id="accord-indicators-heading">{t('accords.indicators')}</h2>
        <p>{t('accords.indicatorsIntro')}</p>
        {content.indicators.length === 0 ? (
          <p>{t('accords.noIndicators')}</p>
        ) : (
          <ul className="list-unstyled">
            {content.indicators.map((i) => (
              <li key={i.key} className="accord-box mb-3">
                <h3 className="h6 mb-2">{i.name}</h3>
                <dl className="accord-facts mb-0">
                  <dt>{t('accords.baseline')}</dt>
                  <dd>{`${formatNumber(i.baseline)} ${i.unit}`}</dd>
                  <dt>{t('accords.target')}</dt>
                  <dd>{`${formatNumber(i.target)} ${i.unit}`}</dd>
                  {i.project && (
                    <>
                      <dt>{t('accords.measures')}</dt>
                      <dd>{projectTitle(i.project)}</dd>
                    </>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
