import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { failure, isFailure, type Failure } from '../api/client';

/** A page of a list as the API gives it. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** Loading the first page, loading one more, done, or what went wrong. */
export type PagedState = 'loading' | 'more' | 'ready' | Failure;

export interface Paged<T> {
  items: T[];
  /** To change the list after an action (an item added, replaced or taken away). */
  setItems: Dispatch<SetStateAction<T[]>>;
  /** The cursor of the next page; null when there is no more. */
  next: string | null;
  state: PagedState;
  /** Loaded, without a failure, and nothing in it. */
  empty: boolean;
  /** Appends the next page (nothing while a page is loading or when there is no more). */
  loadMore: () => void;
  /** Runs again the request that failed. */
  retry: () => void;
  /** Loads the first page anew. */
  reload: () => void;
}

/**
 * A list read page by page: the first page on every change of `deps`, then "show more".
 * `fetchPage` may transform the items (it gives back what is shown); `onPage` sees every page
 * that is applied, e.g. for counts that come with it. An answer that arrives after a newer request
 * began (the filters changed meanwhile, or the screen closed) is dropped.
 */
export function usePaged<P extends Page<unknown>>(
  fetchPage: (cursor: string | null) => Promise<P>,
  deps: unknown[],
  onPage?: (page: P, cursor: string | null) => void,
): Paged<P['items'][number]> {
  type T = P['items'][number];
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<PagedState>('loading');
  // The functions of the latest render, so that a page is read with the current filters.
  const latest = useRef({ fetchPage, onPage });
  latest.current = { fetchPage, onPage };
  // Only the answer to the latest request is applied.
  const request = useRef(0);
  const failedCursor = useRef<string | null>(null);

  const load = useCallback(async (cursor: string | null) => {
    const id = ++request.current;
    setState(cursor ? 'more' : 'loading');
    try {
      const page = await latest.current.fetchPage(cursor);
      if (id !== request.current) return;
      setItems((old) => (cursor ? [...old, ...(page.items as T[])] : (page.items as T[])));
      setNext(page.next_cursor ?? null);
      latest.current.onPage?.(page, cursor);
      setState('ready');
    } catch (e) {
      if (id !== request.current) return;
      failedCursor.current = cursor;
      setState(isFailure(e) ? e : failure(null));
    }
  }, []);

  useEffect(() => {
    void load(null);
    return () => {
      request.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return {
    items,
    setItems,
    next,
    state,
    empty: state !== 'loading' && typeof state !== 'object' && items.length === 0,
    loadMore: () => {
      if (next && state !== 'loading' && state !== 'more') void load(next);
    },
    retry: () => void load(failedCursor.current),
    reload: () => void load(null),
  };
}
