import * as mammoth from 'mammoth';
import { z } from 'zod';
import { ExtractError } from './extract-error';

/** A .docx → its text, one line per paragraph or line break, ticked boxes and bullets kept. */

/**
 * The part of mammoth's document model we read. `extractRawText` is not enough: it drops line
 * breaks inside a paragraph (gluing "m.b.t. de" and "gemeente" into "degemeente"), the ☒/☐ of
 * Word checkbox controls (mammoth turns their glyph into a checkbox element without text: every
 * required level would vanish) and list bullets (numbering, not text, in Word).
 */
type DocxNode = {
  type: string;
  value?: string | undefined;
  breakType?: string | undefined;
  checked?: boolean | undefined;
  numbering?: { isOrdered: boolean; level?: string | number | undefined } | null | undefined;
  children?: DocxNode[] | undefined;
};

const docxNodeSchema: z.ZodType<DocxNode> = z.lazy(() =>
  z.object({
    type: z.string(),
    value: z.string().optional(),
    breakType: z.string().optional(),
    checked: z.boolean().optional(),
    numbering: z
      .object({ isOrdered: z.boolean(), level: z.union([z.string(), z.number()]).optional() })
      .nullish(),
    children: z.array(docxNodeSchema).optional(),
  }),
);

/**
 * A bullet for Word's unordered list items, so that a task list reads like the .txt export
 * ("– Werkt mee …"). An ordered item gets its number ("1. "), as a PDF printed from the same
 * document shows it: the parser reads numbered area titles and items by it.
 */
const DOCX_BULLET = '– ';

/** Numbers of the ordered list being read, per level; a paragraph outside a list ends it. */
type ListCounters = number[];

function docxNodeText(node: DocxNode, out: string[], counters: ListCounters): void {
  switch (node.type) {
    case 'text':
      out.push(node.value ?? '');
      return;
    case 'tab':
      out.push('\t');
      return;
    case 'break':
      // Line, page and column breaks all start a new line of text.
      out.push('\n');
      return;
    case 'checkbox':
      out.push(node.checked ? '☒' : '☐');
      return;
    case 'paragraph':
      if (node.numbering && !node.numbering.isOrdered) out.push(DOCX_BULLET);
      else if (node.numbering) {
        const level = Number(node.numbering.level ?? 0) || 0;
        counters.length = level + 1;
        counters[level] = (counters[level] ?? 0) + 1;
        out.push(`${counters[level]}. `);
      } else counters.length = 0;
      for (const child of node.children ?? []) docxNodeText(child, out, counters);
      out.push('\n');
      return;
    default:
      for (const child of node.children ?? []) docxNodeText(child, out, counters);
  }
}

/**
 * mammoth's input for the same bytes in Node and in a browser: its Node build opens `buffer`, its
 * browser build (what webpack picks through the package's `browser` field) only `arrayBuffer`.
 */
function mammothInput(bytes: Uint8Array): { arrayBuffer: ArrayBuffer } {
  const arrayBuffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const input = { arrayBuffer, buffer: bytes };
  return input;
}

export async function docxText(buf: Uint8Array, fileName: string): Promise<string> {
  let tree: unknown;
  try {
    // convertToHtml is mammoth's only entry point that exposes the document model (through
    // transformDocument); the HTML itself is not used.
    await mammoth.convertToHtml(mammothInput(buf), {
      transformDocument: (doc: unknown) => {
        tree = doc;
        return doc;
      },
    });
  } catch (err) {
    throw new ExtractError(
      'corrupt-docx',
      'geen geldig Word-document (.docx): het bestand is beschadigd of is geen .docx. Open het in Word en sla het opnieuw op als .docx.',
      fileName,
      null,
      { cause: err },
    );
  }
  const doc = docxNodeSchema.safeParse(tree);
  if (!doc.success) {
    throw new ExtractError(
      'corrupt-docx',
      'kan de inhoud van dit Word-document niet lezen. Sla het opnieuw op als .docx of exporteer het als PDF.',
      fileName,
      null,
      { cause: doc.error },
    );
  }
  const out: string[] = [];
  docxNodeText(doc.data, out, []);
  return out.join('').replace(/\r\n?/g, '\n');
}
