import { functionDescriptionSchema } from '../../src/domain/schema';
import { formatIssue } from '../../src/import/issues';
import {
  allIndicators,
  allStrings,
  competency,
  FB_SAMPLE,
  FP_SAMPLE,
  levelIndicators,
  parseOk,
  readSample,
} from './fixtures/parse-helpers';

/** Exactness on the two sample documents: every field the customer checks by eye. */

const fb = parseOk(readSample(FB_SAMPLE), FB_SAMPLE);
const fp = parseOk(readSample(FP_SAMPLE), FP_SAMPLE);

describe('formatIssue', () => {
  it('names file and line, or only the file for document-wide issues', () => {
    expect(
      formatIssue({
        file: 'deskundige-ict.txt',
        line: 512,
        message: "competentie 'Integriteit' heeft geen aangevinkt niveau",
      }),
    ).toBe("deskundige-ict.txt: regel 512: competentie 'Integriteit' heeft geen aangevinkt niveau");
    expect(formatIssue({ file: 'x.txt', line: null, message: 'leeg document' })).toBe(
      'x.txt: leeg document',
    );
  });
});

describe('functiebeschrijving deskundige ICT', () => {
  const d = fb.description;

  it('passes the interchange schema', () => {
    expect(functionDescriptionSchema.parse(d)).toEqual(d);
  });

  it('reads the general data, the footer organisation and the approval', () => {
    expect(d).toMatchObject({
      schemaVersion: 2,
      key: 'deskundige-ict',
      kind: 'functiebeschrijving',
      title: 'Deskundige ICT',
      organisation: 'Stad Tienen',
      department: 'Algemeen beheer',
      service: 'ICT',
      grade: 'Deskundige',
      careerPath: 'B1-B3',
      // Written as stored: nothing to keep as written, and the seed keeps its content hash.
      gradeAsWritten: null,
      careerPathAsWritten: null,
      levelScale: { lowest: 0, highest: 3, titles: [] },
      technicalKnowledge: [],
      approval: { approvedBy: 'algemeen directeur', decisionDate: '2023-02-09' },
    });
  });

  it('keeps the lead-in of the main tasks as the last sentence of the purpose', () => {
    expect(d.purpose).toBe(
      'Je werkt bij de dienst ICT binnen de cel operations & klantenondersteuning onder leiding van het diensthoofd. ' +
        'Als deskundige ICT voer je in eerste instantie de volgende taken uit:',
    );
  });

  it('reads the 9 main tasks, joining wrapped lines (also one that wraps at a full stop)', () => {
    expect(d.mainTasks).toHaveLength(9);
    expect(d.mainTasks[0]).toBe(
      'Je werkt samen met je collega’s aan en bent verantwoordelijk voor het operationeel beheer van servers, ' +
        'storage, network, monitoring, firewall, antivirus, back-up, cyber security, Azure & Microsoft 365, certificaten.',
    );
    expect(d.mainTasks[1]).toBe(
      'Je geeft ondersteuning bij incidenten (2e lijn) en wijzigingen binnen de afgesproken SLA-tijden. ' +
        'Je staat in voor escalaties van tickets naar de leveranciers.',
    );
    expect(d.mainTasks[8]).toBe(
      'Indien nodig spring je bij om de permanentie binnen klantenondersteuning te garanderen.',
    );
  });

  it('reads the position without its bullet', () => {
    expect(d.position).toBe(
      'Werkt onder de directe leiding van en rapporteert aan het diensthoofd ICT.',
    );
  });

  it('reads 3 task agreements with unwrapped titles and 4, 3 and 7 tasks', () => {
    expect(d.resultAreas.map((a) => a.title)).toEqual([
      'Werkt mee aan het beleid en aan de realisatie van de organisatiedoelstellingen m.b.t. het domein ICT.',
      'Werkt mee aan het beleidsvoorbereidend werk van de eigen dienst.',
      'Behartigt de werking van de eigen dienst.',
    ]);
    expect(d.resultAreas.map((a) => a.tasks.length)).toEqual([4, 3, 7]);
    expect(d.resultAreas[2]?.tasks[6]).toBe(
      'Neemt initiatieven binnen het vakgebied en bouwt actief aan een netwerk en samenwerkingsverbanden ' +
        'tussen de betrokken (beleids)instanties en vergelijkbare diensten binnen andere gemeenten.',
    );
  });

  it('keeps the Verruimende bepaling as an other section, and says so', () => {
    expect(d.otherSections).toEqual([
      {
        title: 'Verruimende bepaling',
        text:
          'op vraag van de algemeen directeur of het afdelingshoofd verricht de medewerker ' +
          'ondersteunende taken van de eigen dienst of van andere gemeentelijke diensten.',
      },
    ]);
    expect(d.resultAreas.flatMap((a) => a.tasks).join(' ')).not.toMatch(/ondersteunende taken/);
    expect(fb.warnings).toEqual([
      expect.objectContaining({
        file: FB_SAMPLE,
        line: 165,
        message: expect.stringMatching(/Verruimende bepaling/),
      }),
    ]);
  });

  it('reads 39 competencies: 14 technical, 25 behavioural, each with its cluster and ticked level', () => {
    const rows = d.competencies.map((c) => [c.name, c.block, c.cluster, c.requiredLevel]);
    const T = 'technical';
    const B = 'behavioural';
    expect(rows).toEqual([
      ['Tekstverwerking', T, 'PC-vaardigheden', 2],
      ['Rekenbladen', T, 'PC-vaardigheden', 2],
      ['Presentaties', T, 'PC-vaardigheden', 1],
      ['Databanken', T, 'PC-vaardigheden', 2],
      ['Software eigen aan de functie', T, 'PC-vaardigheden', 3],
      ['Kennis van de wetgeving m.b.t. de gemeente', T, 'Wetgeving', 2],
      ['Kennis van de wetgeving m.b.t. de functie', T, 'Wetgeving', 3],
      ['Werking van de gemeentelijke organisatie', T, 'Werking en werkmiddelen', 2],
      [
        'Procedures, werkmiddelen en werking eigen aan de opdracht',
        T,
        'Werking en werkmiddelen',
        3,
      ],
      ['Managementtechnieken', T, 'Management en beleid', 1],
      ['Algemeen HRM-beleid', T, 'Management en beleid', 1],
      ['Financieel management', T, 'Management en beleid', 1],
      ['Projectmatig werken', T, 'Management en beleid', 3],
      ['Procesmanagement', T, 'Management en beleid', 2],
      ['Plannen en organiseren', B, 'Beheersmatige vaardigheden', 3],
      ['Voortgangscontrole', B, 'Beheersmatige vaardigheden', 2],
      ['Analytisch denken', B, 'Informatieverwerkend gedrag', 2],
      ['Conceptueel denken', B, 'Informatieverwerkend gedrag', 2],
      ['Flexibiliteit', B, 'Informatieverwerkend gedrag', 3],
      ['Kwaliteit en accuraatheid', B, 'Informatieverwerkend gedrag', 2],
      ['Organisatieverbondenheid', B, 'Informatieverwerkend gedrag', 2],
      ['Veranderingsbereidheid', B, 'Informatieverwerkend gedrag', 2],
      ['Assertiviteit', B, 'Interactief gedrag', 2],
      ['Empathie (interpersoonlijk inzicht)', B, 'Interactief gedrag', 2],
      ['Impact en invloed', B, 'Interactief gedrag', 2],
      ['Mondelinge communicatie', B, 'Interactief gedrag', 2],
      ['Relatie – netwerking', B, 'Interactief gedrag', 1],
      ['Schriftelijke communicatie', B, 'Interactief gedrag', 2],
      ['Teamwerk en samenwerken', B, 'Interactief gedrag', 3],
      ['Informatie zoeken', B, 'Persoonsgebonden gedrag', 2],
      ['Integriteit', B, 'Persoonsgebonden gedrag', 2],
      ['Resultaatsgerichtheid', B, 'Persoonsgebonden gedrag', 2],
      ['Stressbestendigheid – zelfcontrole', B, 'Persoonsgebonden gedrag', 3],
      ['Zelfvertrouwen', B, 'Persoonsgebonden gedrag', 2],
      ['Besluitvaardigheid', B, 'Probleemoplossend gedrag', 2],
      ['Creativiteit', B, 'Probleemoplossend gedrag', 2],
      ['Initiatief', B, 'Probleemoplossend gedrag', 2],
      ['Klantgerichtheid', B, 'Probleemoplossend gedrag', 3],
      ['Organisatiebewustzijn', B, 'Probleemoplossend gedrag', 2],
    ]);
  });

  it('gives every competency all four levels, level 0 as "N.v.t.", and the required level’s indicators', () => {
    for (const c of d.competencies) {
      expect({ name: c.name, levels: c.levels.map((l) => l.level) }).toEqual({
        name: c.name,
        levels: [0, 1, 2, 3],
      });
      expect(c.levels[0]?.indicators).toEqual(['N.v.t.']);
      expect(c.indicators).toEqual(c.levels.find((l) => l.level === c.requiredLevel)?.indicators);
      expect(c.definition).toBeNull();
      expect(c.levelTitle).toBeNull();
    }
  });

  it('counts the indicators of each level like a reader would', () => {
    const counts = (name: string) => competency(d, name).levels.map((l) => l.indicators.length);
    expect(counts('Tekstverwerking')).toEqual([1, 4, 3, 4]);
    expect(counts('Kennis van de wetgeving m.b.t. de gemeente')).toEqual([1, 1, 2, 4]);
    expect(counts('Managementtechnieken')).toEqual([1, 1, 2, 2]);
    expect(counts('Empathie (interpersoonlijk inzicht)')).toEqual([1, 6, 4, 6]);
    expect(counts('Relatie – netwerking')).toEqual([1, 6, 4, 3]);
    expect(counts('Besluitvaardigheid')).toEqual([1, 5, 4, 4]);
    expect(counts('Initiatief')).toEqual([1, 5, 5, 5]);
    expect(counts('Zelfvertrouwen')).toEqual([1, 3, 2, 1]);
  });

  it('joins wrapped indicators exactly and keeps dashes inside an indicator', () => {
    expect(levelIndicators(d, 'Kennis van de wetgeving m.b.t. de gemeente', 2)).toEqual([
      'Kent de grote lijnen van het Decreet Lokaal Bestuur en heeft basiskennis van het administratief recht.',
      'Kent de wettelijke bevoegdheden van het college van burgemeester en schepenen, het vast bureau, de ' +
        'gemeenteraad en de raad voor maatschappelijk welzijn. Kent de grote lijnen van het statuut.',
    ]);
    expect(levelIndicators(d, 'Resultaatsgerichtheid', 1)[2]).toBe(
      'Evalueert regelmatig of de opdrachten op tijd kunnen afgewerkt worden en onderneemt acties als er ' +
        'bijsturingen noodzakelijk zijn.',
    );
    expect(levelIndicators(d, 'Managementtechnieken', 2)[1]).toBe(
      'Heeft inzicht in de validiteit van managementtheorieën en –technieken.',
    );
    expect(levelIndicators(d, 'Integriteit', 2)[0]).toBe(
      'Behandelt randinformatie – zoals uitspraken tijdens vergaderingen – vertrouwelijk.',
    );
  });

  it('reads a level number and its box on the lines of the indicators', () => {
    expect(levelIndicators(d, 'Managementtechnieken', 3)).toEqual([
      'Kent een aantal managementtheorieën en kan ze omzetten naar de praktijk.',
      'Kan veranderingsprocessen beheersen en sturen.',
    ]);
    expect(levelIndicators(d, 'Empathie (interpersoonlijk inzicht)', 2).slice(0, 2)).toEqual([
      'Kan door actief te luisteren en te observeren situaties begrijpen en erop inspelen.',
      'Houdt rekening met de invloed van het eigen gedrag op anderen.',
    ]);
    expect(levelIndicators(d, 'Besluitvaardigheid', 1).slice(0, 2)).toEqual([
      'Weet wanneer en tot waar hij zelf kan beslissen en wanneer hij beter zijn hiërarchische chef contacteert.',
      'Durft een standpunt in te nemen, het te verdedigen en zich eraan te houden.',
    ]);
  });

  it('drops the page footer in the middle of a competency', () => {
    expect(levelIndicators(d, 'Initiatief', 2)).toEqual([
      'Formuleert voorstellen om bestaande situatie te verbeteren.',
      'Heeft oog voor zaken waar zijn leidinggevenden niet aan gedacht hebben en doet het nodige om in functie ervan te werken.',
      'Formuleert voorstellen om bestaande situaties te verbeteren.',
      'Stelt zelf documentatie samen om efficiënt te kunnen werken.',
      'Geeft verbeteringen aan voor de dagelijkse werking.',
    ]);
  });
});

describe('functieprofiel leidinggevende', () => {
  const d = fp.description;

  it('passes the interchange schema and reads the document-level fields', () => {
    expect(functionDescriptionSchema.parse(d)).toEqual(d);
    expect(d).toMatchObject({
      key: 'leidinggevende',
      kind: 'functieprofiel',
      title: 'Leidinggevende',
      organisation: null,
      department: null,
      service: null,
      grade: null,
      careerPath: null,
      mainTasks: [],
      position: null,
      approval: null,
      purpose:
        'Is verantwoordelijk voor (kan aangesproken worden op) de beleidsvoorbereiding en de beleidsuitvoering in een specifiek domein.',
    });
    expect(fp.warnings).toEqual([]);
  });

  it('reads 4 result areas without tasks', () => {
    expect(d.resultAreas).toEqual([
      {
        title:
          'Coördineren van activiteiten en leiding geven aan medewerkers en/of aan één of meerdere teams',
        tasks: [],
      },
      { title: 'Rapporteren', tasks: [] },
      { title: 'Adviseren vanuit een visieontwikkeling van het eigen domein', tasks: [] },
      { title: 'De andere opdrachten en taken uitvoeren toegekend door de secretaris', tasks: [] },
    ]);
  });

  it('reads 16 competencies, each with definition, level title and indicators, without levels', () => {
    expect(d.competencies.map((c) => c.name)).toEqual([
      'Voortdurend verbeteren',
      'Klantgerichtheid',
      'Samenwerken',
      'Betrouwbaarheid',
      'Optreden',
      'Organisatiebetrokkenheid',
      'Mondelinge uitdrukkingsvaardigheid',
      'Assertiviteit',
      'Coachen',
      'Visie',
      'Organisatiesensitiviteit',
      'Resultaatgerichtheid',
      'Organiseren',
      'Voortgangscontrole',
      'Delegeren',
      'Richting geven',
    ]);
    for (const c of d.competencies) {
      expect(c).toMatchObject({ block: null, cluster: null, requiredLevel: null, levels: [] });
      expect(c.definition).toEqual(expect.any(String));
      expect(c.levelTitle).toMatch(/:$/);
      expect(c.indicators.length).toBeGreaterThan(0);
    }
    expect(competency(d, 'Richting geven').indicators).toHaveLength(8);
    expect(competency(d, 'Coachen').indicators).toHaveLength(6);
  });

  it('separates definition and level title, also when they wrap or lack a full stop', () => {
    expect(competency(d, 'Voortdurend verbeteren')).toMatchObject({
      definition:
        'Voortdurend verbeteren van het eigen functioneren en van de werking van de entiteit, door de bereidheid om te leren en mee te groeien met veranderingen.',
      levelTitle:
        'Ontwikkelt zich binnen de eigen functie en werkt actief mee aan het verbeteren van de uitvoering van taken:',
    });
    expect(competency(d, 'Optreden')).toMatchObject({
      definition: 'In verschillende situaties een geloofwaardige eerste indruk maken en handhaven',
      levelTitle: 'Verwerft aandacht en vertrouwen door zijn houding:',
    });
    expect(competency(d, 'Delegeren').definition).toBe(
      'Taken en verantwoordelijkheden doorgeven, rekening houdend met de interesse, ambitie, ontwikkeling en competentie van medewerkers. De gedelegeerde taken opvolgen.',
    );
  });

  it('joins wrapped indicators exactly', () => {
    expect(competency(d, 'Coachen').indicators[4]).toBe(
      'Neemt verantwoordelijkheid op voor het eigen leren, past het geleerde zelf toe op de werkvloer, en neemt initiatieven om collega’s daarbij te betrekken',
    );
    expect(competency(d, 'Voortdurend verbeteren').indicators[0]).toBe(
      'Maakt zich vertrouwd met nieuwe materies die relevant zijn voor de eigen taak (bv. nieuwe regelgeving, informaticatoepassingen, werkmethoden …)',
    );
  });

  it('reads the 4 vaktechnische competenties', () => {
    expect(d.technicalKnowledge).toEqual([
      'Gedegen vaktechnische kennis van het eigen domein.',
      'Basiskennis van de gemeentelijke structuren en werking.',
      'Basiskennis van de beheers- en beleidscyclus.',
      'Basisvaardigheid in het gebruik van IT tools (Windows, Office, toepassingssoftware van de dienst).',
    ]);
  });
});

describe.each([
  ['functiebeschrijving', fb.description],
  ['functieprofiel', fp.description],
])('clean text in the %s', (_kind, d) => {
  it('has no indicator with a box, a leading bullet, a page footer or a bare level number', () => {
    for (const text of allIndicators(d)) {
      expect(text).not.toMatch(/[☐☒☑✓✔■□]|\[[ xX]?\]/);
      expect(text).not.toMatch(/^[−‒–—\-•]/);
      expect(text).not.toMatch(/Pagina \d+ van \d+|Functiebeschrijving/);
      expect(text).not.toMatch(/^[0-3]$/);
    }
  });

  it('has no string with surrounding white space, double spaces or line breaks', () => {
    for (const { path, text } of allStrings(d)) {
      expect({ path, text }).toEqual({ path, text: text.trim() });
      expect({ path, doubleSpace: /\s{2}|[\n\r\t\u00a0]/.test(text) }).toEqual({
        path,
        doubleSpace: false,
      });
    }
  });
});
