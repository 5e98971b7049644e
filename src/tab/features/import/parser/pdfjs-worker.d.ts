// pdf.js' worker code, loaded into the import worker's own thread (pdfjs-pages.ts); the package
// ships no types for it and only its presence matters.
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
