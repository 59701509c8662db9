import { Link } from 'react-router';
import { Breadcrumb, BreadcrumbItem } from 'design-react-kit';
import { useI18n } from '../i18n';

/** Where this screen sits: neighbourhoods > community > channel > ..., the last one current. */
export function Trail({ items }: { items: { label: string; to?: string }[] }) {
  const { t } = useI18n();
  return (
    <Breadcrumb aria-label={t('nav.trail')} className="mb-2">
      <BreadcrumbItem>
        <Link to="/">{t('nav.home')}</Link>
        <span className="separator">/</span>
      </BreadcrumbItem>
      {items.map((item, i) =>
        item.to && i < items.length - 1 ? (
          <BreadcrumbItem key={item.to}>
            <Link to={item.to}>{item.label}</Link>
            <span className="separator">/</span>
          </BreadcrumbItem>
        ) : (
          <BreadcrumbItem key={item.label} active aria-current="page">
            {item.label}
          </BreadcrumbItem>
        ),
      )}
    </Breadcrumb>
  );
}
