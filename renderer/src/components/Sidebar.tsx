import { Icon } from '../nav/icons.js';
import { GROUPS, PAGES } from '../nav/pages.js';
import { useNav } from '../stores/nav.js';

/**
 * The main navigation: the pages in their groups. Wide windows show icons and labels; narrow ones (down to the
 * window's minimum width) only the icons, each still named by its label for screen readers and shown as a tooltip.
 */
export function Sidebar() {
  const page = useNav((s) => s.page);
  const go = useNav((s) => s.go);
  return (
    <nav aria-label="Main" className="sidebar">
      {GROUPS.map((group) => {
        const pages = PAGES.filter((p) => p.group === group);
        const headed = pages.length > 1 || pages[0]?.label !== group;
        return (
          <div key={group} className="nav-group" role="group" aria-label={group}>
            {headed && (
              <p className="nav-group-label" aria-hidden="true">
                {group}
              </p>
            )}
            <ul>
              {pages.map((p) => (
                <li key={p.id}>
                  <button type="button" className="navlink" title={p.label} aria-current={page === p.id ? 'page' : undefined} onClick={() => go(p.id)}>
                    <Icon name={p.icon} />
                    <span className="nav-label">{p.label}</span>
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
