import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { badgeText, useBadgeAnnouncement, useBadgeCount, useLoadBadges, type BadgeId } from '../nav/badges.js';
import { Icon, type IconName } from '../nav/icons.js';
import { GROUPS, PAGES, type PageId } from '../nav/pages.js';
import { useNav } from '../stores/nav.js';

/**
 * The main navigation: the pages in their groups. Wide windows show icons and labels; narrow ones (down to the
 * window's minimum width) only the icons, each still named by its label for screen readers and shown as a tooltip.
 */
export function Sidebar() {
  const { t } = useTranslation('nav');
  const page = useNav((s) => s.page);
  const go = useNav((s) => s.go);
  useLoadBadges();
  const announcement = useBadgeAnnouncement();
  return (
    <div className="sidebar-rail">
      <nav aria-label={t('main')} className="sidebar">
        <p role="status" className="visually-hidden">
          {announcement}
        </p>
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
                    <NavLink id={p.id} icon={p.icon} badge={'badge' in p ? p.badge : undefined} current={page === p.id} onGo={() => go(p.id)} />
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
    </div>
  );
}

/**
 * One page's link. Its name stays the page's name; a count beside it (split proposals beside Portfolio) is its
 * description for screen readers ("Portfolio, button, 2 splits to decide") and part of its tooltip. The number
 * itself is drawn for the eye only.
 */
function NavLink({ id, icon, badge, current, onGo }: { id: PageId; icon: IconName; badge: BadgeId | undefined; current: boolean; onGo: () => void }) {
  const { t } = useTranslation('nav');
  const described = useId();
  const count = useBadgeCount(badge);
  const label = t(`pages.${id}`);
  const extra = badge && count ? badgeText(badge, count) : null;
  // The description stays outside the button: text inside it would become part of its name.
  return (
    <>
      <button
        type="button"
        className="navlink"
        title={extra ? `${label}: ${extra}` : label}
        aria-current={current ? 'page' : undefined}
        aria-describedby={extra ? described : undefined}
        onClick={onGo}
      >
        <Icon name={icon} />
        <span className="nav-label">{label}</span>
        {extra && (
          <span className="nav-badge" aria-hidden="true">
            {count}
          </span>
        )}
      </button>
      {extra && (
        <span id={described} className="visually-hidden">
          {extra}
        </span>
      )}
    </>
  );
}
