import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n';
import './search-and-admin.css';

/** The search box in the header: opens `/search?q=`. */
export function SearchBox() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [q, setQ] = useState('');
  // On the search screen the box shows the words searched for.
  useEffect(() => {
    if (location.pathname === '/search') {
      setQ(new URLSearchParams(location.search).get('q') ?? '');
    }
  }, [location.pathname, location.search]);
  return (
    <form
      role="search"
      aria-label={t('search.label')}
      className="header-search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/search?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <label htmlFor="header-search-q" className="header-search-label">
        {t('search.boxLabel')}
      </label>
      <input
        id="header-search-q"
        type="search"
        name="q"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="form-control header-search-input"
        autoComplete="off"
      />
      <button type="submit" className="btn header-search-button">
        {t('search.submit')}
      </button>
    </form>
  );
}
