import fc from 'fast-check';
import { canonicalContentJson, contentOf } from '../../src/domain/content-hash';
import { diffDescriptions, type Change } from '../../src/domain/diff';
import { diffLists } from '../../src/domain/list-diff';
import type { FunctionContent } from '../../src/domain/schema';
import { describeChange, summariseChanges } from '../../src/i18n';
import { clone, competency, deskundigeIct } from './fixture';

const base = (): FunctionContent => contentOf(deskundigeIct());
const edit = (change: (d: FunctionContent) => void): FunctionContent => {
  const d = clone(base());
  change(d);
  return d;
};
/** The Dutch lines a director reads (src/i18n renders the structured changes). */
const summaries = (changes: Change[]): string[] => changes.map((c) => describeChange(c, 'nl'));
const diffWith = (change: (d: FunctionContent) => void): Change[] =>
  diffDescriptions(base(), edit(change));

describe('diffDescriptions', () => {
  it('finds nothing between equal versions, also when only the approval differs', () => {
    expect(diffDescriptions(base(), clone(base()))).toEqual([]);
    const unapproved = { ...deskundigeIct(), approval: null };
    expect(diffDescriptions(deskundigeIct(), unapproved)).toEqual([]);
  });

  it('finds nothing when accents are only encoded differently (NFC), like the hash', () => {
    const nfd = edit((d) => {
      d.competencies[0]!.indicators = d.competencies[0]!.indicators.map((t) => `${t} geïnformeerd`);
    });
    const nfc = clone(nfd);
    nfd.competencies[0]!.indicators = nfd.competencies[0]!.indicators.map((t) =>
      t.normalize('NFD'),
    );
    expect(diffDescriptions(nfc, nfd)).toEqual([]);
  });

  describe('general fields', () => {
    it('shows a short field with its old and new value', () => {
      expect(summaries(diffWith((d) => (d.title = 'Deskundige ICT-infrastructuur')))).toEqual([
        "Titel gewijzigd: 'Deskundige ICT' → 'Deskundige ICT-infrastructuur'",
      ]);
    });

    it('shows the career path as a code, without quotes', () => {
      const changes = diffWith((d) => (d.careerPath = 'B1-B4'));
      expect(changes).toEqual([
        {
          kind: 'field',
          field: 'careerPath',
          before: 'B1-B3',
          after: 'B1-B4',
        },
      ]);
      expect(summaries(changes)).toEqual(['Loopbaan gewijzigd: B1-B3 → B1-B4']);
    });

    it('names a changed paragraph without quoting it', () => {
      expect(summaries(diffWith((d) => (d.purpose = 'Je beheert de ICT-infrastructuur.')))).toEqual(
        ['Doel gewijzigd'],
      );
      expect(summaries(diffWith((d) => (d.position = null)))).toEqual([
        'Plaats in de organisatie verwijderd',
      ]);
    });

    it('says when a field is filled in or emptied', () => {
      expect(summaries(diffWith((d) => (d.service = null)))).toEqual([
        "Dienst verwijderd (was 'ICT')",
      ]);
      const before = edit((d) => (d.grade = null));
      expect(summaries(diffDescriptions(before, base()))).toEqual([
        "Graad toegevoegd: 'Deskundige'",
      ]);
    });

    it('reports department, organisation, key and kind', () => {
      expect(
        summaries(
          diffWith((d) => {
            d.department = 'Interne zaken';
            d.organisation = 'Stad Leuven';
            d.key = 'deskundige-ict-2';
          }),
        ),
      ).toEqual([
        'Sleutel gewijzigd: deskundige-ict → deskundige-ict-2',
        "Organisatie gewijzigd: 'Stad Tienen' → 'Stad Leuven'",
        "Afdeling gewijzigd: 'Algemeen beheer' → 'Interne zaken'",
      ]);
    });
  });

  describe('main tasks', () => {
    it('reports one inserted main task as one insertion', () => {
      const changes = diffWith((d) =>
        d.mainTasks.splice(1, 0, 'Je onderhandelt SLA’s met leveranciers.'),
      );
      expect(changes).toEqual([
        {
          kind: 'main-task',
          op: 'added',
          before: null,
          after: 'Je onderhandelt SLA’s met leveranciers.',
        },
      ]);
      expect(summaries(changes)).toEqual(['Hoofdtaak toegevoegd']);
    });

    it('reports a reworded and a removed main task', () => {
      expect(
        summaries(
          diffWith((d) => {
            d.mainTasks[0] = 'Je geeft ondersteuning bij incidenten (2e en 3e lijn).';
            d.mainTasks.pop();
          }),
        ),
      ).toEqual(['Hoofdtaak gewijzigd', 'Hoofdtaak verwijderd']);
    });
  });

  describe('result areas and tasks', () => {
    it('reports one task inserted in the middle of Taakafspraak 2 as one insertion', () => {
      const changes = diffWith((d) =>
        d.resultAreas[1]!.tasks.splice(1, 0, 'Volgt de wetgeving op.'),
      );
      expect(changes).toEqual([
        {
          kind: 'task',
          op: 'added',
          areas: 'functiebeschrijving',
          areaPosition: 2,
          areaTitle: 'Werkt mee aan het beleidsvoorbereidend werk van de eigen dienst.',
          before: null,
          after: 'Volgt de wetgeving op.',
        },
      ]);
      expect(summaries(changes)).toEqual(['Taak toegevoegd aan Taakafspraak 2']);
    });

    it('reports removed and reworded tasks in their own result area', () => {
      expect(
        summaries(
          diffWith((d) => {
            d.resultAreas[0]!.tasks.splice(0, 1);
            d.resultAreas[2]!.tasks[1] = 'Werkt zelfstandig en projectmatig.';
          }),
        ),
      ).toEqual(['Taak verwijderd uit Taakafspraak 1', 'Taak gewijzigd in Taakafspraak 3']);
    });

    it('reports an appended result area with its title', () => {
      expect(
        summaries(
          diffWith((d) =>
            d.resultAreas.push({
              title: 'Zorgt voor informatieveiligheid.',
              tasks: ['Volgt incidenten op.'],
            }),
          ),
        ),
      ).toEqual(['Taakafspraak 4 toegevoegd: Zorgt voor informatieveiligheid.']);
    });

    it('reports a result area removed in the middle once, not the ones after it as changed', () => {
      const changes = diffWith((d) => d.resultAreas.splice(1, 1));
      expect(changes).toEqual([
        {
          kind: 'result-area-removed',
          areas: 'functiebeschrijving',
          position: 2,
          title: 'Werkt mee aan het beleidsvoorbereidend werk van de eigen dienst.',
        },
      ]);
      expect(summaries(changes)).toEqual([
        'Taakafspraak 2 verwijderd: Werkt mee aan het beleidsvoorbereidend werk van de eigen dienst.',
      ]);
    });

    it('matches a retitled result area by position and still diffs its tasks', () => {
      const changes = diffWith((d) => {
        d.resultAreas[2]!.title = 'Behartigt de werking van de dienst ICT.';
        d.resultAreas[2]!.tasks.push('Rapporteert aan het diensthoofd.');
      });
      expect(summaries(changes)).toEqual([
        'Titel van Taakafspraak 3 gewijzigd',
        'Taak toegevoegd aan Taakafspraak 3',
      ]);
      expect(changes[0]).toMatchObject({
        kind: 'result-area-retitled',
        before: 'Behartigt de werking van de eigen dienst.',
        after: 'Behartigt de werking van de dienst ICT.',
      });
    });

    it('calls them resultaatsgebieden in a functieprofiel', () => {
      const before = edit((d) => (d.kind = 'functieprofiel'));
      const after = clone(before);
      after.resultAreas.push({ title: 'Rapporteren', tasks: [] });
      expect(summaries(diffDescriptions(before, after))).toEqual([
        'Resultaatsgebied 4 toegevoegd: Rapporteren',
      ]);
    });
  });

  describe('competencies', () => {
    it('reports a level change in the words a director uses', () => {
      const changes = diffWith((d) => {
        const c = d.competencies[2]!;
        c.requiredLevel = 3;
        c.indicators = c.levels[3]!.indicators;
      });
      // The indicators follow the new level: that is part of the level change, not a separate edit.
      expect(changes).toEqual([
        {
          kind: 'competency-level',
          name: 'Klantgerichtheid',
          before: 2,
          after: 3,
        },
      ]);
      expect(summaries(changes)).toEqual(['Klantgerichtheid: niveau 2 → 3']);
    });

    it('also reports indicators that were edited by hand along with the level', () => {
      expect(
        summaries(
          diffWith((d) => {
            d.competencies[2]!.requiredLevel = 1;
            d.competencies[2]!.indicators = ['Helpt klanten vriendelijk verder.'];
          }),
        ),
      ).toEqual(['Klantgerichtheid: niveau 2 → 1', 'Indicatoren van Klantgerichtheid gewijzigd']);
    });

    it('reports a level that is set or cleared', () => {
      expect(summaries(diffWith((d) => (d.competencies[3]!.requiredLevel = null)))).toEqual([
        'Samenwerken: niveau 3 → geen niveau',
      ]);
    });

    it('reports an added and a removed competency with their level', () => {
      expect(
        summaries(
          diffWith((d) => {
            d.competencies.splice(1, 1);
            d.competencies.push(competency('Coachen', 2));
          }),
        ),
      ).toEqual([
        'Competentie verwijderd: Rekenbladen (niveau 2)',
        'Competentie toegevoegd: Coachen (niveau 2)',
      ]);
      expect(
        summaries(diffWith((d) => d.competencies.push(competency('Integriteit', null)))),
      ).toEqual(['Competentie toegevoegd: Integriteit']);
    });

    it('matches competencies by name regardless of case and surrounding space', () => {
      const changes = diffWith((d) => (d.competencies[2]!.name = ' klantgerichtheid '));
      expect(changes).toEqual([
        {
          kind: 'competency-text',
          name: 'klantgerichtheid',
          aspect: 'name',
          before: 'Klantgerichtheid',
          after: ' klantgerichtheid ',
        },
      ]);
      expect(summaries(changes)).toEqual([
        "Naam van competentie gewijzigd: 'Klantgerichtheid' → ' klantgerichtheid '",
      ]);
    });

    it('reports edited indicators, definition, level title and level descriptions', () => {
      expect(
        summaries(
          diffWith((d) => {
            const c = d.competencies[3]!;
            c.indicators = [...c.indicators, 'Deelt kennis met collega’s.'];
            c.definition = 'Samen een resultaat bereiken.';
            c.levelTitle = 'Stimuleert samenwerking:';
            c.levels[1]!.indicators = ['Werkt mee.'];
          }),
        ),
      ).toEqual([
        'Definitie van Samenwerken gewijzigd',
        'Niveautitel van Samenwerken gewijzigd',
        'Indicatoren van Samenwerken gewijzigd',
        'Niveaubeschrijvingen van Samenwerken gewijzigd',
      ]);
    });

    it('reports a competency moved to another block or cluster', () => {
      expect(
        summaries(
          diffWith((d) => {
            d.competencies[0]!.cluster = 'Kantoortoepassingen';
            d.competencies[2]!.block = 'technical';
          }),
        ),
      ).toEqual([
        "Cluster van Tekstverwerking gewijzigd: 'PC-vaardigheden' → 'Kantoortoepassingen'",
        'Klantgerichtheid verplaatst van gedragscompetenties naar technische competenties',
      ]);
    });

    it('reports a new order of the same competencies once', () => {
      expect(summaries(diffWith((d) => d.competencies.reverse()))).toEqual([
        'Volgorde van de competenties gewijzigd',
      ]);
    });

    it('pairs a name listed twice first with first', () => {
      const before = edit((d) => d.competencies.push(competency('Samenwerken', 1)));
      const after = clone(before);
      after.competencies[4]!.requiredLevel = 2;
      expect(summaries(diffDescriptions(before, after))).toEqual(['Samenwerken: niveau 1 → 2']);
    });
  });

  it('reports technical knowledge items by name', () => {
    expect(
      summaries(
        diffWith((d) => {
          d.technicalKnowledge[0] = 'Kennis van Microsoft 365 en Azure';
          d.technicalKnowledge.push('Kennis van ITIL');
        }),
      ),
    ).toEqual([
      "Vaktechnische kennis gewijzigd: 'Kennis van Microsoft 365' → 'Kennis van Microsoft 365 en Azure'",
      "Vaktechnische kennis toegevoegd: 'Kennis van ITIL'",
    ]);
  });

  it('lists changes in document order', () => {
    const changes = diffWith((d) => {
      d.technicalKnowledge.pop();
      d.competencies[0]!.requiredLevel = 3;
      d.resultAreas[0]!.tasks.pop();
      d.purpose = 'Nieuw doel.';
      d.title = 'Deskundige infrastructuur';
    });
    expect(changes.map((c) => c.kind)).toEqual([
      'field',
      'field',
      'task',
      'competency-level',
      'technical-knowledge',
    ]);
  });

  it('is empty exactly when the canonical content (and so the hash) is equal', () => {
    const text = fc.constantFrom(
      'Nieuw',
      'nieuw',
      'Nieuw ',
      'Coördinatie',
      'Coördinatie'.normalize('NFD'),
      'Klantgerichtheid',
    );
    const mutation = fc.oneof(
      fc.tuple(fc.constant('title'), text),
      fc.tuple(fc.constant('service'), fc.option(text, { nil: null })),
      fc.tuple(fc.constant('mainTask'), fc.nat(5), text),
      fc.tuple(fc.constant('dropMainTask'), fc.nat(5), fc.constant('')),
      fc.tuple(fc.constant('task'), fc.nat(5), text),
      fc.tuple(fc.constant('areaTitle'), fc.nat(5), text),
      fc.tuple(fc.constant('level'), fc.nat(5), fc.constantFrom(0, 1, 2, 3, null)),
      fc.tuple(fc.constant('name'), fc.nat(5), text),
      fc.tuple(fc.constant('indicator'), fc.nat(5), text),
      fc.tuple(fc.constant('swapCompetencies'), fc.nat(5), fc.constant('')),
      fc.tuple(fc.constant('knowledge'), fc.nat(5), text),
    );
    const apply = (d: FunctionContent, m: readonly unknown[]): void => {
      const [kind, a, b] = m as [string, number | string | null, string | number | null];
      const i = typeof a === 'number' ? a : 0;
      const c = d.competencies[i % d.competencies.length]!;
      switch (kind) {
        case 'title':
          d.title = a as string;
          break;
        case 'service':
          d.service = a as string | null;
          break;
        case 'mainTask':
          d.mainTasks.splice(i % (d.mainTasks.length + 1), 0, b as string);
          break;
        case 'dropMainTask':
          d.mainTasks.splice(i % Math.max(1, d.mainTasks.length), 1);
          break;
        case 'task':
          d.resultAreas[i % 3]!.tasks[0] = b as string;
          break;
        case 'areaTitle':
          d.resultAreas[i % 3]!.title = b as string;
          break;
        case 'level':
          c.requiredLevel = b as 0 | 1 | 2 | 3 | null;
          break;
        case 'name':
          c.name = b as string;
          break;
        case 'indicator':
          c.indicators = [b as string];
          break;
        case 'swapCompetencies': {
          const j = (i + 1) % d.competencies.length;
          [d.competencies[i % d.competencies.length], d.competencies[j]] = [d.competencies[j]!, c];
          break;
        }
        case 'knowledge':
          d.technicalKnowledge[i % 2] = b as string;
          break;
      }
    };
    fc.assert(
      fc.property(
        fc.array(mutation, { maxLength: 4 }),
        fc.array(mutation, { maxLength: 4 }),
        (ma, mb) => {
          const a = clone(base());
          const b = clone(base());
          ma.forEach((m) => apply(a, m));
          mb.forEach((m) => apply(b, m));
          const sameContent = canonicalContentJson(a) === canonicalContentJson(b);
          expect(diffDescriptions(a, b).length === 0).toBe(sameContent);
          expect(diffDescriptions(b, a).length === 0).toBe(sameContent);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('summariseChanges', () => {
  it('says so when nothing changed', () => {
    expect(summariseChanges([], 'nl')).toBe('Geen wijzigingen');
  });

  it('counts the changes and lists them, identical ones once with a multiplier', () => {
    const changes = diffWith((d) => {
      d.purpose = 'Nieuw doel.';
      d.resultAreas[1]!.tasks.push('Taak A.', 'Taak B.');
    });
    expect(summariseChanges(changes, 'nl')).toBe(
      '3 wijzigingen: Doel gewijzigd; Taak toegevoegd aan Taakafspraak 2 (2×)',
    );
    expect(summariseChanges(changes.slice(0, 1), 'nl')).toBe('1 wijziging: Doel gewijzigd');
  });

  it('keeps a card short: at most `max` lines, then how many more', () => {
    const changes = diffWith((d) => {
      d.title = 'Nieuwe titel';
      d.purpose = 'Nieuw doel.';
      d.careerPath = 'B1-B4';
      d.competencies[0]!.requiredLevel = 3;
    });
    expect(summariseChanges(changes, 'nl', { max: 2 })).toBe(
      "4 wijzigingen: Titel gewijzigd: 'Deskundige ICT' → 'Nieuwe titel'; Loopbaan gewijzigd: B1-B3 → B1-B4 en 2 andere",
    );
  });
});

describe('the same changes in English', () => {
  const english = (changes: Change[]): string[] => changes.map((c) => describeChange(c, 'en'));

  it('words general fields, main tasks, result areas and tasks in English', () => {
    const changes = diffWith((d) => {
      d.title = 'Deskundige ICT-infrastructuur';
      d.service = null;
      d.careerPath = 'B1-B4';
      d.purpose = 'Nieuw doel.';
      d.mainTasks.pop();
      d.resultAreas[2]!.title = 'Behartigt de werking van de dienst ICT.';
      d.resultAreas[1]!.tasks.splice(1, 0, 'Volgt de wetgeving op.');
      d.resultAreas[0]!.tasks.splice(0, 1);
      d.resultAreas.push({ title: 'Zorgt voor informatieveiligheid.', tasks: [] });
      d.technicalKnowledge.push('Kennis van ITIL');
    });
    expect(english(changes)).toEqual([
      "Title changed: 'Deskundige ICT' → 'Deskundige ICT-infrastructuur'",
      "Service removed (was 'ICT')",
      'Career path changed: B1-B3 → B1-B4',
      'Purpose changed',
      'Main task removed',
      'Task removed from Task agreement 1',
      'Task added to Task agreement 2',
      'Title of Task agreement 3 changed',
      'Task agreement 4 added: Zorgt voor informatieveiligheid.',
      "Technical knowledge added: 'Kennis van ITIL'",
    ]);
  });

  it('calls them result areas in a functieprofiel', () => {
    const before = edit((d) => (d.kind = 'functieprofiel'));
    const after = clone(before);
    after.resultAreas.push({ title: 'Rapporteren', tasks: [] });
    expect(english(diffDescriptions(before, after))).toEqual(['Result area 4 added: Rapporteren']);
  });

  it('words competency changes in English; names and values stay as written', () => {
    const changes = diffWith((d) => {
      d.competencies[0]!.cluster = 'Kantoortoepassingen';
      d.competencies[1]!.name = 'Rekenblad';
      d.competencies[2]!.block = 'technical';
      d.competencies[2]!.requiredLevel = 1;
      d.competencies[3]!.requiredLevel = null;
      d.competencies[3]!.definition = 'Samen een resultaat bereiken.';
      d.competencies.push(competency('Coachen', 2));
    });
    expect(english(changes)).toEqual([
      'Competency removed: Rekenbladen (level 2)',
      'Competency added: Rekenblad (level 2)',
      'Competency added: Coachen (level 2)',
      "Cluster of Tekstverwerking changed: 'PC-vaardigheden' → 'Kantoortoepassingen'",
      'Klantgerichtheid moved from behavioural competencies to technical competencies',
      'Klantgerichtheid: level 2 → 1',
      'Definition of Samenwerken changed',
      'Samenwerken: level 3 → no level',
    ]);
    expect(english(diffWith((d) => (d.competencies[2]!.name = ' klantgerichtheid ')))).toEqual([
      "Name of competency changed: 'Klantgerichtheid' → ' klantgerichtheid '",
    ]);
    expect(english(diffWith((d) => d.competencies.reverse()))).toEqual([
      'Order of the competencies changed',
    ]);
  });

  it('sums up in English with the same counting as the Dutch', () => {
    const changes = diffWith((d) => {
      d.purpose = 'Nieuw doel.';
      d.resultAreas[1]!.tasks.push('Taak A.', 'Taak B.');
      d.careerPath = 'B1-B4';
    });
    expect(summariseChanges([], 'en')).toBe('No changes');
    expect(summariseChanges(changes, 'en')).toBe(
      '4 changes: Career path changed: B1-B3 → B1-B4; Purpose changed; Task added to Task agreement 2 (2×)',
    );
    expect(summariseChanges(changes.slice(1, 2), 'en')).toBe('1 change: Purpose changed');
    expect(summariseChanges(changes, 'en', { max: 1 })).toBe(
      '4 changes: Career path changed: B1-B3 → B1-B4 and 2 more',
    );
  });
});

describe('diffLists', () => {
  const eq = (a: string, b: string): boolean => a === b;

  it('finds the smallest set of insertions and removals', () => {
    expect(diffLists(['a', 'b', 'c', 'd'], ['a', 'x', 'b', 'd'], eq)).toEqual([
      { op: 'equal', beforeIndex: 0, afterIndex: 0 },
      { op: 'added', afterIndex: 1 },
      { op: 'equal', beforeIndex: 1, afterIndex: 2 },
      { op: 'removed', beforeIndex: 2 },
      { op: 'equal', beforeIndex: 3, afterIndex: 3 },
    ]);
  });

  it('pairs a removal and an insertion at the same spot into a change', () => {
    expect(diffLists(['a', 'b', 'c'], ['a', 'B', 'c'], eq)).toEqual([
      { op: 'equal', beforeIndex: 0, afterIndex: 0 },
      { op: 'changed', beforeIndex: 1, afterIndex: 1 },
      { op: 'equal', beforeIndex: 2, afterIndex: 2 },
    ]);
  });

  it('accounts for every item once and keeps the longest common subsequence', () => {
    const lcsLength = (a: string[], b: string[]): number => {
      const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = a.length - 1; i >= 0; i--)
        for (let j = b.length - 1; j >= 0; j--)
          t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
      return t[0]![0]!;
    };
    const list = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 12 });
    fc.assert(
      fc.property(list, list, (a, b) => {
        const edits = diffLists(a, b, eq);
        const befores = edits.flatMap((e) => ('beforeIndex' in e ? [e.beforeIndex] : []));
        const afters = edits.flatMap((e) => ('afterIndex' in e ? [e.afterIndex] : []));
        expect([...befores].sort((x, y) => x - y)).toEqual(a.map((_, i) => i));
        expect(afters).toEqual(b.map((_, i) => i));
        const equal = edits.filter((e) => e.op === 'equal');
        expect(equal).toHaveLength(lcsLength(a, b));
        for (const e of equal) expect(a[e.beforeIndex]).toBe(b[e.afterIndex]);
      }),
      { numRuns: 500 },
    );
  });
});
