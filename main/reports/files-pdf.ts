import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { IncomeReport, RealizedReport } from '../../shared/contract/index.js';

/** What a statement says about itself: whose, which year and accounts, in which base currency, made when. */
export interface StatementHead {
  title: string;
  /** The tax year's first and last day. */
  from: string;
  to: string;
  accounts: string;
  baseCurrency: string;
  madeOn: string;
}

interface TableColumn {
  title: string;
  width: number;
  /** Numbers align right. */
  right?: boolean;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const SIZE = 8;
const LINE = 12;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.4, 0.43, 0.48);
const RULE = rgb(0.8, 0.82, 0.85);

/**
 * A PDF statement drawn with pdf-lib (docs/design.md#the-tax-year): a heading, a table that runs over as many A4 pages
 * as it needs (its header repeated on each), and the totals. Figures are printed exactly as the report has them
 * (decimal strings, never re-rounded). The standard Helvetica font encodes WinAnsi only: any other character of a
 * name (an account called 株式) prints as "?" rather than failing the statement.
 */
class Statement {
  private page!: PDFPage;
  private y = 0;
  private pageNo = 0;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly head: StatementHead,
  ) {}

  static async create(head: StatementHead): Promise<Statement> {
    const doc = await PDFDocument.create();
    doc.setTitle(head.title);
    doc.setProducer('Bourse');
    doc.setCreator('Bourse');
    const s = new Statement(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), head);
    s.newPage();
    return s;
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pageNo++;
    this.y = A4[1] - MARGIN;
    if (this.pageNo === 1) {
      this.text(this.head.title, MARGIN, 16, this.bold);
      this.y -= 22;
      for (const line of [
        `Tax year ${this.head.from} to ${this.head.to}`,
        `Accounts: ${this.head.accounts}`,
        `Base currency: ${this.head.baseCurrency}`,
        `Made by Bourse on ${this.head.madeOn}`,
      ]) {
        this.text(line, MARGIN, 9, this.font, MUTED);
        this.y -= LINE;
      }
      this.y -= 8;
    }
    this.page.drawText(this.printable(`Page ${this.pageNo}`), { x: A4[0] - MARGIN - 40, y: MARGIN / 2, size: 7, font: this.font, color: MUTED });
  }

  /** Room for `lines` more lines on this page, or a new page. */
  private room(lines: number, columns?: TableColumn[]): void {
    if (this.y - lines * LINE >= MARGIN) return;
    this.newPage();
    if (columns) this.header(columns);
  }

  heading(text: string): void {
    this.room(3);
    this.y -= 6;
    this.text(text, MARGIN, 11, this.bold);
    this.y -= LINE + 4;
  }

  note(text: string): void {
    this.room(1);
    this.text(text, MARGIN, SIZE, this.font, MUTED);
    this.y -= LINE;
  }

  table(columns: TableColumn[], rows: string[][]): void {
    this.room(2);
    this.header(columns);
    for (const r of rows) {
      this.room(1, columns);
      this.row(columns, r, this.font);
    }
  }

  private header(columns: TableColumn[]): void {
    this.row(columns, columns.map((c) => c.title), this.bold);
    this.page.drawLine({ start: { x: MARGIN, y: this.y + LINE - 3 }, end: { x: A4[0] - MARGIN, y: this.y + LINE - 3 }, thickness: 0.5, color: RULE });
  }

  private row(columns: TableColumn[], cells: string[], font: PDFFont): void {
    let x = MARGIN;
    columns.forEach((c, i) => {
      const text = this.fit(cells[i] ?? '', font, c.width - 4);
      const w = font.widthOfTextAtSize(text, SIZE);
      this.text(text, c.right ? x + c.width - 4 - w : x, SIZE, font);
      x += c.width;
    });
    this.y -= LINE;
  }

  /** Label and value pairs, the value right-aligned at the table's right edge. */
  totals(pairs: [string, string][]): void {
    this.room(pairs.length + 1);
    this.y -= 4;
    for (const [label, value] of pairs) {
      this.text(label, MARGIN, 9, this.bold);
      const v = this.printable(value);
      this.text(v, A4[0] - MARGIN - this.bold.widthOfTextAtSize(v, 9), 9, this.bold);
      this.y -= LINE + 2;
    }
  }

  private text(s: string, x: number, size: number, font: PDFFont, color = INK): void {
    this.page.drawText(this.printable(s), { x, y: this.y, size, font, color });
  }

  /** Cut to the width with an ellipsis ("..."), never over the next column. */
  private fit(s: string, font: PDFFont, width: number): string {
    let t = this.printable(s);
    if (font.widthOfTextAtSize(t, SIZE) <= width) return t;
    while (t.length > 1 && font.widthOfTextAtSize(`${t}...`, SIZE) > width) t = t.slice(0, -1);
    return `${t}...`;
  }

  private charset: Set<number> | undefined;
  private printable(s: string): string {
    this.charset ??= new Set(this.font.getCharacterSet());
    let out = '';
    for (const ch of s) out += this.charset.has(ch.codePointAt(0)!) ? ch : '?';
    return out;
  }

  save(): Promise<Uint8Array> {
    return this.doc.save();
  }
}

const money = (amount: string | null, currency: string) => (amount === null ? 'no rate' : `${amount} ${currency}`);

/** The realized-gains statement: every closed lot of the year, then the totals in the base currency. */
export async function realizedPdf(r: RealizedReport, head: StatementHead, name: (id: string) => string): Promise<Uint8Array> {
  const s = await Statement.create(head);
  s.heading('Closed lots');
  if (r.rows.length === 0) s.note('No lot was closed in this tax year.');
  else
    s.table(
      [
        { title: 'Account', width: 62 },
        { title: 'Instrument', width: 48 },
        { title: 'Quantity', width: 44, right: true },
        { title: 'Acquired', width: 48 },
        { title: 'Sold', width: 48 },
        { title: 'Term', width: 28 },
        { title: 'Proceeds', width: 62, right: true },
        { title: 'Cost', width: 62, right: true },
        { title: 'Fees', width: 44, right: true },
        { title: `Gain (${head.baseCurrency})`, width: 69, right: true },
      ],
      r.rows.map((x) => [name(x.accountId), x.symbol, x.quantity, x.acquired, x.sold, x.term, money(x.proceeds, x.currency), money(x.cost, x.currency), x.fees, x.baseGain ?? 'no rate']),
    );
  s.heading(`Totals (${head.baseCurrency})`);
  s.totals([
    ['Proceeds', money(r.totals.proceeds, head.baseCurrency)],
    ['Cost', money(r.totals.cost, head.baseCurrency)],
    ['Fees', money(r.totals.fees, head.baseCurrency)],
    ['Short-term gain', money(r.totals.shortTermGain, head.baseCurrency)],
    ['Long-term gain', money(r.totals.longTermGain, head.baseCurrency)],
    ['Realized gain', money(r.totals.gain, head.baseCurrency)],
  ]);
  missing(s, r.missingFx);
  return s.save();
}

/** The income statement: every dividend, interest payment and fee of the year, then the totals. */
export async function incomePdf(r: IncomeReport, head: StatementHead, name: (id: string) => string): Promise<Uint8Array> {
  const s = await Statement.create(head);
  s.heading('Dividends, interest and fees');
  if (r.rows.length === 0) s.note('No dividend, interest or fee in this tax year.');
  else
    s.table(
      [
        { title: 'Date', width: 60 },
        { title: 'Account', width: 100 },
        { title: 'Type', width: 60 },
        { title: 'Instrument', width: 70 },
        { title: 'Amount', width: 110, right: true },
        { title: `In ${head.baseCurrency}`, width: 115, right: true },
      ],
      r.rows.map((x) => [x.date, name(x.accountId), x.type, x.symbol ?? '', money(x.amount, x.currency), x.baseAmount ?? 'no rate']),
    );
  s.heading(`Totals (${head.baseCurrency})`);
  s.totals([
    ['Dividends', money(r.totals.dividends, head.baseCurrency)],
    ['Interest', money(r.totals.interest, head.baseCurrency)],
    ['Fees', money(r.totals.fees, head.baseCurrency)],
    ['Net income', money(r.totals.net, head.baseCurrency)],
  ]);
  missing(s, r.missingFx);
  return s.save();
}

function missing(s: Statement, fx: { currency: string; date: string }[]): void {
  if (fx.length === 0) return;
  s.heading('Missing exchange rates');
  s.note('No rate was stored for these days, so their figures are not in the base-currency totals:');
  for (const m of fx) s.note(`${m.currency} on ${m.date}`);
}
