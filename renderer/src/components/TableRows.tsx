import { Fragment, type ReactNode } from 'react';
import type { TableRows as Rows } from '../hooks/useTableRows.js';

/** The height of rows left out: an empty row, hidden from assistive technology (the table's `aria-rowcount` counts). */
function Gap({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="row-gap" aria-hidden="true">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

/**
 * A table's body drawing only the rows `useTableRows` chose, each between the heights of those left out. `row` draws
 * the row of an index: a `tr` with `ref={rows.measure}`, `data-index` and `aria-rowindex` (index + 2 under a one-row
 * header).
 */
export function TableRows({ rows, columns, row }: { rows: Rows; columns: number; row: (index: number) => ReactNode }) {
  return (
    <tbody onFocus={rows.onFocus} onBlur={rows.onBlur}>
      {rows.slots.map((s) => (
        <Fragment key={s.key}>
          {s.gap > 0 ? <Gap height={s.gap} columns={columns} /> : null}
          {row(s.index)}
        </Fragment>
      ))}
      {rows.after > 0 && <Gap height={rows.after} columns={columns} />}
    </tbody>
  );
}
