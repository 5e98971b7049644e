import { z } from 'zod';

/**
 * A PDF's text rebuilt from the position of its text items (pdf.js), not from their order in
 * the file: items are grouped into lines by y and into table cells by x, lines that repeat at
 * the same place on most pages (running headers and footers, a table header row repeated on
 * every page) are dropped, and each table row comes out cell by cell, a wrapped cell as one line
 * — as the Word file the PDF was printed from gives it (extract-docx.ts: one line per
 * paragraph, a table cell after cell). The parser then reads both the same way.
 */

export const pdfItemSchema = z.object({
  s: z.string(),
  x: z.number(),
  /** From the top of the page. */
  y: z.number(),
  w: z.number(),
  h: z.number(),
});
export const pdfPageSchema = z.object({
  width: z.number(),
  height: z.number(),
  items: z.array(pdfItemSchema),
});
export type PdfItem = z.infer<typeof pdfItemSchema>;
export type PdfPage = z.infer<typeof pdfPageSchema>;

/** The text, and the page each of its lines came from (1-based), for messages. */
export type PdfText = { text: string; pageOfLine: number[] };

type Segment = { x: number; end: number; text: string };
type Line = { y: number; h: number; segments: Segment[]; page: number };

/** A gap wider than this many text heights may separate two cells (a label and its value). */
const CELL_GAP = 0.6;
/** A gap this wide always separates cells; a medium one only where a column shows it. */
const WIDE_GAP = 1.5;
/** A line further below the one above than this many text heights starts a new table row. */
const ROW_GAP = 1.3;
/** Header and footer zones: this share of the page at the top and at the bottom. */
const RUNNING_ZONE = 0.15;
/** "Most pages": at least this share of the pages, and at least two. */
const RUNNING_SHARE = 0.6;
const COLUMN_TOLERANCE = 3;

function linesOfPage(page: PdfPage, pageNo: number): Line[] {
  // A line end inside an item would shift the page of every later line.
  const items = page.items
    .map((i) => ({ ...i, s: i.s.replace(/[\r\n\u2028\u2029]+/gu, ' ') }))
    .filter((i) => i.s.trim() !== '')
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: { y: number; h: number; items: PdfItem[] }[] = [];
  for (const item of items) {
    const h = Math.max(item.h, 1);
    const line = lines.find((l) => Math.abs(l.y - item.y) < Math.max(l.h, h) * 0.5);
    if (line) {
      line.items.push(item);
      line.h = Math.max(line.h, h);
    } else lines.push({ y: item.y, h, items: [item] });
  }
  lines.sort((a, b) => a.y - b.y);
  // Pieces per line, each with the gap before it: wide gaps always part cells; a medium gap
  // (a label filling its cell, or a widened space in running text) only where a neighbouring
  // line has a piece starting at the same x — a column.
  const pieces = lines.map((l) => {
    const out: { item: PdfItem; gap: number }[] = [];
    let end = Number.NEGATIVE_INFINITY;
    for (const item of l.items.sort((a, b) => a.x - b.x)) {
      out.push({ item, gap: item.x - end });
      end = Math.max(end, item.x + item.w);
    }
    return out;
  });
  const strongStarts = lines.map((l, i) =>
    (pieces[i] ?? []).filter((p) => p.gap >= l.h * WIDE_GAP).map((p) => p.item.x),
  );
  return lines.map((l, i) => {
    const neighbours = [i - 4, i - 3, i - 2, i - 1, i + 1, i + 2, i + 3, i + 4].flatMap(
      (n) => strongStarts[n] ?? [],
    );
    const segments: Segment[] = [];
    for (const { item, gap } of pieces[i] ?? []) {
      const last = segments.at(-1);
      const short = last !== undefined && [...last.text.trim()].length <= 2;
      const boundary =
        last === undefined ||
        gap >= l.h * WIDE_GAP ||
        (!short &&
          gap >= l.h * CELL_GAP &&
          neighbours.some((x) => Math.abs(x - item.x) <= COLUMN_TOLERANCE));
      if (!boundary) {
        // pdf.js splits words into items; a visible gap is a space.
        last.text += gap > l.h * 0.1 && !/\s$/u.test(last.text) ? ` ${item.s}` : item.s;
        last.end = Math.max(last.end, item.x + item.w);
      } else segments.push({ x: item.x, end: item.x + item.w, text: item.s });
    }
    return { y: l.y, h: l.h, segments, page: pageNo };
  });
}

const lineText = (l: Line): string => l.segments.map((s) => s.text).join(' ');
const shapeOf = (text: string): string =>
  text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** Lines at the same place with the same text (numbers aside) on most pages. */
function runningKeys(pages: readonly Line[][], heights: readonly number[]): Set<string> {
  const counts = new Map<string, Set<number>>();
  pages.forEach((lines, p) => {
    const height = heights[p] ?? 842;
    for (const l of lines) {
      if (l.y > height * RUNNING_ZONE && l.y < height * (1 - RUNNING_ZONE)) continue;
      const key = `${Math.round(l.y / 2)}|${shapeOf(lineText(l))}`;
      const seen = counts.get(key) ?? new Set<number>();
      seen.add(p);
      counts.set(key, seen);
    }
  });
  const min = Math.max(2, Math.ceil(pages.length * RUNNING_SHARE));
  return new Set([...counts].filter(([, seen]) => seen.size >= min).map(([key]) => key));
}

const startsItem = (text: string): boolean =>
  /^[\u2212\u2012\u2013\u2014\-•·▪●☐☒■□✓✔✗✘]/u.test(text) || /^\d[.)]?(?:\s|$)/u.test(text);

/** Lines of one cell, a wrapped paragraph joined: a new line only where an item starts. */
function cellLines(parts: readonly string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (last === undefined || startsItem(part)) out.push(part);
    else out[out.length - 1] = /[\p{L}\p{N}]-$/u.test(last) ? `${last}${part}` : `${last} ${part}`;
  }
  return out;
}

type Out = { text: string; page: number };

/**
 * A run of lines whose pieces start at the same x positions is a table: each row is written cell
 * after cell, top to bottom inside a cell. A row ends where the vertical gap is wider than the
 * line height.
 */
function writeTable(block: readonly Line[], columns: readonly number[], out: Out[]): void {
  const rows: Line[][] = [];
  block.forEach((l, i) => {
    const prev = block[i - 1];
    // A cell's own wrapped lines follow at the line height; the next row is further down (the
    // cell padding, the border, the paragraph spacing).
    if (!prev || l.y - prev.y > prev.h * ROW_GAP) rows.push([l]);
    else rows.at(-1)?.push(l);
  });
  const columnOf = (x: number): number => {
    let best = 0;
    columns.forEach((c, i) => {
      if (x >= c - COLUMN_TOLERANCE) best = i;
    });
    return best;
  };
  for (const row of rows) {
    const cells: string[][] = columns.map(() => []);
    for (const l of row) for (const s of l.segments) cells[columnOf(s.x)]?.push(s.text);
    const page = row[0]?.page ?? 1;
    for (const cell of cells) for (const text of cellLines(cell)) out.push({ text, page });
  }
}

/**
 * A table's header row, repeated where the table continues: a row (more than one cell) that is
 * on a page at most once and, after its first page, only as the page's first line. A row of data
 * that repeats ("0 ☐ ‒ N.v.t.") shows up several times on one page, or lower down. Maps each
 * header's shape to the page of its first occurrence, which stays.
 */
function repeatedHeaderRows(pages: readonly Line[][]): Map<string, number> {
  const seen = new Map<string, { pages: number[]; onlyOnTop: boolean }>();
  pages.forEach((lines, p) => {
    lines.forEach((l, i) => {
      if (l.segments.length < 2) return;
      const shape = shapeOf(lineText(l));
      const entry = seen.get(shape) ?? { pages: [], onlyOnTop: true };
      if (entry.pages.includes(p)) entry.onlyOnTop = false;
      else if (entry.pages.length > 0 && i !== 0) entry.onlyOnTop = false;
      entry.pages.push(p);
      seen.set(shape, entry);
    });
  });
  const out = new Map<string, number>();
  for (const [shape, e] of seen) {
    if (e.onlyOnTop && e.pages.length >= 2) out.set(shape, e.pages[0] ?? 0);
  }
  return out;
}

function nearColumn(x: number, columns: readonly number[]): boolean {
  return columns.some((c) => Math.abs(c - x) <= COLUMN_TOLERANCE);
}

export function layoutText(pages: readonly PdfPage[]): PdfText {
  const linesPerPage = pages.map((p, i) => linesOfPage(p, i + 1));
  const running = runningKeys(
    linesPerPage,
    pages.map((p) => p.height),
  );
  const kept = linesPerPage.map((ls) =>
    ls.filter((l) => !running.has(`${Math.round(l.y / 2)}|${shapeOf(lineText(l))}`)),
  );
  const headers = repeatedHeaderRows(kept);
  const lines = kept.flatMap((ls, p) =>
    ls.filter(
      (l, i) =>
        !(
          i === 0 &&
          headers.has(shapeOf(lineText(l))) &&
          p > 0 &&
          headers.get(shapeOf(lineText(l))) !== p
        ),
    ),
  );
  const out: Out[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i];
    if (!first) continue;
    if (first.segments.length < 2) {
      out.push({ text: lineText(first), page: first.page });
      continue;
    }
    const columns = first.segments.map((s) => s.x);
    const block: Line[] = [first];
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j];
      const prev = block.at(-1);
      if (!l || !prev || l.page !== prev.page) break;
      if (!l.segments.every((s) => nearColumn(s.x, columns))) break;
      const onlyFirstColumn = l.segments.length === 1 && columnOf0(l, columns);
      if (onlyFirstColumn) {
        // A line at the left edge is a wrapped first cell only close under the row above and
        // in lower case, or followed by another row of the table; else text after the table.
        const next = lines[j + 1];
        const nextInTable =
          next !== undefined &&
          next.page === l.page &&
          next.segments.length >= 2 &&
          next.segments.every((s) => nearColumn(s.x, columns));
        const wrapped = l.y - prev.y <= prev.h * 1.3 && /^\p{Ll}/u.test(lineText(l));
        if (!nextInTable && !wrapped) break;
      }
      block.push(l);
    }
    writeTable(block, columns, out);
    i += block.length - 1;
  }
  return { text: out.map((o) => o.text).join('\n'), pageOfLine: out.map((o) => o.page) };
}

function columnOf0(l: Line, columns: readonly number[]): boolean {
  const x = l.segments[0]?.x ?? 0;
  return Math.abs(x - (columns[0] ?? 0)) <= COLUMN_TOLERANCE;
}
