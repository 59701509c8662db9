import { useEffect } from 'react';

/** The document title: the page's own name, then the app's. */
export function useTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Comune` : 'Comune';
  }, [title]);
}
