import { Alert, Button, Spinner } from 'design-react-kit';
import { Link } from 'react-router';
import { useI18n } from '../i18n';
import type { Failure } from '../api/client';
import type { MessageKey } from '../i18n/it';
import type { Paged } from './usePaged';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="d-flex align-items-center gap-3 my-4" role="status">
      <Spinner active small aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

/** The words for a failure: the plain text for its code, else the server's detail. */
export function useProblemText() {
  const { t } = useI18n();
  return (f: Failure): string => {
    if (f.code === 'network') return t('state.errorNetwork');
    const key = `problem.${f.code}` as MessageKey;
    const text = t(key);
    if (text !== key) return text;
    return f.detail || t('state.error');
  };
}

export function ErrorState({ failure, retry }: { failure: Failure; retry?: () => void }) {
  const { t } = useI18n();
  const text = useProblemText();
  if (failure.status === 404) return <NotFound />;
  return (
    <Alert color="danger" role="alert" className="my-4">
      <p className="mb-2">{text(failure)}</p>
      {retry && (
        <Button color="primary" size="sm" onClick={retry}>
          {t('state.retry')}
        </Button>
      )}
    </Alert>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="lead my-4 empty-state">{children}</p>;
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="my-4">
      <h1>{t('state.notFound')}</h1>
      <p className="lead">{t('state.notFoundText')}</p>
      <Link to="/">{t('state.backHome')}</Link>
    </section>
  );
}

/** A paged list's loading, error (with retry) and empty states, in this order. */
export function PagedStates({
  list,
  empty,
  loadingLabel,
}: {
  list: Pick<Paged<unknown>, 'state' | 'empty' | 'retry'>;
  empty: string;
  loadingLabel?: string;
}) {
  const { state } = list;
  return (
    <>
      {state === 'loading' && <Loading label={loadingLabel} />}
      {typeof state === 'object' && <ErrorState failure={state} retry={list.retry} />}
      {list.empty && <Empty>{empty}</Empty>}
    </>
  );
}

/** A paged list's "show more" button; none when there is no more, or while the list loads anew. */
export function LoadMore({ list }: { list: Pick<Paged<unknown>, 'next' | 'state' | 'loadMore'> }) {
  const { t } = useI18n();
  if (!list.next || list.state === 'loading') return null;
  return (
    <Button color="primary" outline onClick={list.loadMore} disabled={list.state === 'more'}>
      {list.state === 'more' ? t('state.loadingMore') : t('state.loadMore')}
    </Button>
  );
}
