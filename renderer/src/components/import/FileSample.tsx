import { i18n } from '../../i18n/index.js';
import { privacyText } from '../../format/privacy.js';

/** The first records of the file as text, under its header, to help the mapping; figures masked in privacy mode. */
export function FileSample({ headers, sample }: { headers: string[]; sample: string[][] }) {
  if (sample.length === 0) return null;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="entries sample">
        <caption className="small muted">{i18n.t('imports:firstRows')}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sample.map((r, i) => (
            <tr key={i}>
              {headers.map((h, j) => (
                <td key={h}>{privacyText(r[j] ?? '')}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
