import { useEffect, useRef } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import {
  Button,
  Container,
  Header,
  HeaderBrand,
  HeaderContent,
  HeaderRightZone,
  Headers,
  Skiplink,
  SkiplinkItem,
} from 'design-react-kit';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import { useInstance } from '../instance';
import { useNotice } from './Notice';
import { ErrorBoundary } from './ErrorBoundary';
import { SearchBox } from './SearchBox';
import { useUnread } from './unread';

/** Page chrome: skip link, header with language switch and account, main landmark, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale, formatNumber } = useI18n();
  const { status, me, signOut } = useAuth();
  const name = useInstance().name ?? t('app.name');
  const { notice, say } = useNotice();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const unread = useUnread(status === 'signed-in', location.pathname);

  // After a navigation, move focus to the page's heading region so screen readers start there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [location.pathname]);

  // Links the kit renders as plain <a href> (brand, cards) navigate inside the app.
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    const a = (e.target as HTMLElement).closest('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== window.location.origin) return;
    if (a.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(a.pathname + a.search + a.hash);
  };

  const other = locale === 'it' ? 'en' : 'it';
  return (
    <div onClick={onClick}>
      <Skiplink>
        <SkiplinkItem href="#main">{t('skip.content')}</SkiplinkItem>
      </Skiplink>
      <Headers>
        {/* The slim bar: account and language, as on municipalities' sites. */}
        <Header type="slim">
          <HeaderContent>
            <span className="slim-title">{t('app.name')}</span>
            <HeaderRightZone>
              <nav aria-label={t('nav.label')}>
                <ul className="slim-nav">
                  <li>
                    <Link to="/">{t('nav.home')}</Link>
                  </li>
                  {status === 'signed-in' && me ? (
                    <>
                      <li className="header-user">{t('nav.signedInAs', { name: me.display_name })}</li>
                      <li>
                        <Link to="/notifications">
                          {t('nav.notifications')}
                          {unread > 0 && (
                            <span className="badge unread-badge">
                              {formatNumber(unread)}
                              <span className="visually-hidden"> {t('nav.unread')}</span>
                            </span>
                          )}
                        </Link>
                      </li>
                      <li>
                        <Link to="/me">{t('nav.profile')}</Link>
                      </li>
                      {me.is_admin && (
                        <li>
                          <Link to="/admin">{t('nav.admin')}</Link>
                        </li>
                      )}
                      <li>
                        <Button
                          color="primary"
                          size="xs"
                          className="slim-button"
                          onClick={async () => {
                            await signOut();
                            say(t('signOut.done'), true);
                            navigate('/');
                          }}
                        >
                          {t('nav.signOut')}
                        </Button>
                      </li>
                    </>
                  ) : (
                    <>
                      <li>
                        <Link to="/sign-in">{t('nav.signIn')}</Link>
                      </li>
                      <li>
                        <Link to="/register">{t('nav.register')}</Link>
                      </li>
                    </>
                  )}
                  <li>
                    <Button
                      color="primary"
                      size="xs"
                      className="slim-button"
                      lang={other}
                      aria-label={t('lang.switchToHint')}
                      onClick={() => setLocale(other)}
                    >
                      {t('lang.switchTo')}
                    </Button>
                  </li>
                </ul>
              </nav>
            </HeaderRightZone>
          </HeaderContent>
        </Header>
        <Header type="center">
          <HeaderContent>
            <HeaderBrand href="/">
              <h2 className="instance-name">{name}</h2>
              <h3>{t('app.tagline')}</h3>
            </HeaderBrand>
            <HeaderRightZone>
              <SearchBox />
            </HeaderRightZone>
          </HeaderContent>
        </Header>
      </Headers>
      <main id="main" ref={main} tabIndex={-1} className="outline-none">
        <Container className="py-4">
          <div role="status" aria-live="polite" className="notice-region">
            {notice && <p className="alert alert-success mb-4">{notice}</p>}
          </div>
          <ErrorBoundary
            resetKey={location.pathname}
            fallback={
              <p role="alert" className="alert alert-danger">
                {t('state.error')}
              </p>
            }
          >
            {children}
          </ErrorBoundary>
        </Container>
      </main>
      <footer className="it-footer">
        <div className="it-footer-main">
          <Container className="py-4">
            <p className="mb-1">{t('footer.text')}</p>
            <a href="/api/openapi.json" className="text-white">
              {t('footer.api')}
            </a>
          </Container>
        </div>
      </footer>
    </div>
  );
}
