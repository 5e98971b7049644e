import type { PdfReply } from '../../../../import/extract-pdf-text';
import type { PdfPage } from '../../../../import/pdf-layout';

/**
 * The browser's `PdfPagesReader`: pdf.js (pdfjs-dist 5, ESM, the same library pdf-parse runs in
 * Node) reads each page's text items with their positions, as src/import/extract-pdf.ts' worker
 * script does in Node. pdf.js normally starts a worker of its own; this already runs in one, so
 * its worker code is loaded into this thread instead (`globalThis.pdfjsWorker`, pdf.js' "fake
 * worker"): no second worker, no script URL to configure. Both load only when a PDF arrives.
 */
export async function readPdfPagesInBrowser(bytes: Uint8Array): Promise<PdfReply> {
  const [pdfjs, worker] = await Promise.all([
    import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist'),
    import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist/build/pdf.worker.mjs'),
  ]);
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  const task = pdfjs.getDocument({
    data: bytes,
    verbosity: 0,
    // Text positions need no fonts nor eval; fewer moving parts in a worker.
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
  });
  try {
    const doc = await task.promise;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PdfPage['items'] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [x = 0, y = 0] = viewport.convertToViewportPoint(
          Number(item.transform[4]),
          Number(item.transform[5]),
        );
        const h = Math.abs(Number(item.transform[3])) || item.height || 0;
        items.push({ s: item.str, x, y, w: item.width || 0, h });
      }
      pages.push({ width: viewport.width, height: viewport.height, items });
      page.cleanup();
    }
    return { ok: true, pages };
  } catch (err) {
    const name = err instanceof Error ? err.name : 'Error';
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, name, detail };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
