import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { useInstance } from '../instance';

/** The document title: the page's own name, then the instance's ("Quartieri — Comune di Prova"). */
export function useTitle(title: string | null | undefined) {
  const { t } = useI18n();
  const name = useInstance().name ?? t('app.name');
  useEffect(() => {
    document.title = title ? `${title} — ${name}` : name;
  }, [title, name]);
}
