import { formatReport, type ImportReport, progressBar } from '../../src/graph/import-writer';

describe('progress bar', () => {
  it('draws one line in place on a terminal and clears it at the end', () => {
    const out: string[] = [];
    const bar = progressBar({ isTTY: true, columns: 60, write: (t: string) => out.push(t) });
    bar.onProgress({ done: 1, total: 4, current: 'deskundige-ict' });
    bar.onProgress({ done: 4, total: 4, current: 'leidinggevende' });
    bar.finish();
    expect(out[0]).toMatch(/^\r\[██████░+\] 1\/4 deskundige-ict/);
    expect(out[1]).toMatch(/^\r\[█{24}\] 4\/4 leidinggevende/);
    expect(out.every((l) => !l.includes('\n'))).toBe(true);
    expect(out[0]?.length).toBe(60);
    expect(out[2]).toMatch(/^\r +\r$/);
  });

  it('writes nothing when stderr is not a terminal (a log, CI)', () => {
    const out: string[] = [];
    const bar = progressBar({ isTTY: false, write: (t: string) => out.push(t) });
    bar.onProgress({ done: 1, total: 1, current: 'x' });
    bar.finish();
    expect(out).toEqual([]);
  });
});

describe('import report', () => {
  const report: ImportReport = {
    documents: [
      {
        key: 'deskundige-ict',
        title: 'Deskundige ICT',
        ok: true,
        action: 'created',
        roleId: '1',
        decision: { kind: 'failed', message: 'dit account mag geen besluiten toevoegen' },
        mismatch: false,
      },
      {
        key: 'x',
        title: 'X',
        ok: false,
        failure: 'write',
        message: 'SharePoint is even te druk.',
        error: null,
      },
    ],
    dictionary: { created: ['Samenwerken'], filled: [] },
    drift: [
      {
        source: 'x',
        competency: 'Samenwerken',
        dictionaryId: '4',
        fields: ['definitie', 'niveau 2'],
      },
    ],
    failed: true,
  };

  it('says per document what happened, in Dutch, and lists drift', () => {
    const text = formatReport(report);
    expect(text).toContain(
      '! Deskundige ICT (deskundige-ict): nieuw; goedkeuring NIET geregistreerd: dit account mag geen besluiten toevoegen',
    );
    expect(text).toContain('✗ X (x): niet weggeschreven — SharePoint is even te druk.');
    expect(text).toContain('Samenwerken in x: andere definitie, niveau 2');
    expect(text).toContain('1 van 2 document(en) weggeschreven.');
  });
});
