import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Column {
  label: string;
  num?: boolean;
}

/**
 * A chart's table alternative: the same figures, for screen readers and for anyone who wants the numbers. Folded
 * under the chart; its rows are rendered only once it is opened (a five-year series has some 1,800 days).
 */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: Column[]; rows: () => ReactNode[][] }) {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('chartTable')}</summary>
      {open && (
        <div className="table-scroll chart-table-scroll" tabIndex={0}>
          <table className="grid">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={i} scope="col" className={c.num ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows().map((r, i) => (
                <tr key={i}>
                  {r.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={j} className={columns[j]?.num ? 'num' : undefined}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
