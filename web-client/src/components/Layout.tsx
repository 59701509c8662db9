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
import { useNotice } from './Notice';

/** Page chrome: skip link, header with language switch and account, main landmark, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { status, me, signOut } = useAuth();
  const { notice, say } = useNotice();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

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
        <Header type="center" theme="">
          <HeaderContent>
            <HeaderBrand href="/">
              <h2>{t('app.name')}</h2>
              <h3>{t('app.tagline')}</h3>
            </HeaderBrand>
            <HeaderRightZone>
              <nav aria-label={t('nav.label')} className="header-nav">
                <ul className="list-inline mb-0 d-flex flex-wrap align-items-center gap-2">
                  <li className="list-inline-item">
                    <Link className="header-link" to="/">
                      {t('nav.home')}
                    </Link>
                  </li>
                  {status === 'signed-in' && me ? (
                    <>
                      <li className="list-inline-item header-user">
                        {t('nav.signedInAs', { name: me.display_name })}
                      </li>
                      <li className="list-inline-item">
                        <Button
                          color="primary"
                          outline
                          size="sm"
                          className="header-button"
                          onClick={async () => {
                            await signOut();
                            say(t('signOut.done'));
                            navigate('/');
                          }}
                        >
                          {t('nav.signOut')}
                        </Button>
                      </li>
                    </>
                  ) : (
                    <>
                      <li className="list-inline-item">
                        <Link className="header-link" to="/sign-in">
                          {t('nav.signIn')}
                        </Link>
                      </li>
                      <li className="list-inline-item">
                        <Link className="header-link" to="/register">
                          {t('nav.register')}
                        </Link>
                      </li>
                    </>
                  )}
                  <li className="list-inline-item">
                    <Button
                      color="primary"
                      outline
                      size="sm"
                      className="header-button"
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
      </Headers>
      <main id="main" ref={main} tabIndex={-1} className="outline-none">
        <Container className="py-4">
          <div role="status" aria-live="polite" className="notice-region">
            {notice && <p className="alert alert-success mb-4">{notice}</p>}
          </div>
          {children}
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
