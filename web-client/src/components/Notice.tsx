import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';

/**
 * A short confirmation ("Comment sent.") in a polite live region. It stays until the next page;
 * `carry` keeps it across the navigation that follows it (sign in, then the home page).
 */
interface NoticeApi {
  notice: string | null;
  say: (text: string, carry?: boolean) => void;
}

const Context = createContext<NoticeApi>({ notice: null, say: () => undefined });

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<string | null>(null);
  const carry = useRef(false);
  const location = useLocation();
  const say = useCallback((text: string, keep = false) => {
    carry.current = keep;
    setNotice(text);
  }, []);
  useEffect(() => {
    if (carry.current) carry.current = false;
    else setNotice(null);
  }, [location.pathname]);
  return <Context.Provider value={{ notice, say }}>{children}</Context.Provider>;
}

export const useNotice = () => useContext(Context);
