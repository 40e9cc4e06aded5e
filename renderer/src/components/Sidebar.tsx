import { useTranslation } from 'react-i18next';
import { Icon } from '../nav/icons.js';
import { GROUPS, PAGES } from '../nav/pages.js';
import { useNav } from '../stores/nav.js';

/**
 * The main navigation: the pages in their groups. Wide windows show icons and labels; narrow ones (down to the
 * window's minimum width) only the icons, each still named by its label for screen readers and shown as a tooltip.
 */
export function Sidebar() {
  const { t } = useTranslation('nav');
  const page = useNav((s) => s.page);
  const go = useNav((s) => s.go);
  return (
    <nav aria-label={t('main')} className="sidebar">
      {GROUPS.map((group) => {
        const pages = PAGES.filter((p) => p.group === group);
        const name = t(`groups.${group}`);
        const headed = pages.length > 1 || (pages[0] && t(`pages.${pages[0].id}`)) !== name;
        return (
          <div key={group} className="nav-group" role="group" aria-label={name}>
            {headed && (
              <p className="nav-group-label" aria-hidden="true">
                {name}
              </p>
            )}
            <ul>
              {pages.map((p) => (
                <li key={p.id}>
                  <button type="button" className="navlink" title={t(`pages.${p.id}`)} aria-current={page === p.id ? 'page' : undefined} onClick={() => go(p.id)}>
                    <Icon name={p.icon} />
                    <span className="nav-label">{t(`pages.${p.id}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
