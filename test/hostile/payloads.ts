import { functionDescriptionSchema, type FunctionDescription } from '../../src/domain/schema';

/**
 * Text a person could type into a SharePoint list or a document: markup, script, a
 * `javascript:` URL, direction overrides, zero-width characters, emoji and one very long field.
 * The tab and the importer must carry every one of them as text.
 */
export const HOSTILE = {
  script: '<script>window.__pwned = "script";</script>Beheerder',
  img: '<img src=x onerror="window.__pwned=\'img\'">Afbeelding',
  link: '<a href="javascript:window.__pwned=\'link\'">klik hier</a>',
  jsUrl: 'javascript:window.__pwned="url"',
  rtl: 'Dienst \u202Egnilletsni\u202C ICT',
  zeroWidth: 'Zero\u200Bwidth\u200C\u200D\uFEFFtekst',
  emoji: 'Teamspeler 🤝👩🏽‍💻🇧🇪',
  /** 100 KB: far beyond what a person types, but SharePoint's multi-line text holds it. */
  long: `Lange taak ${'abcdefghij'.repeat(10_240)}`,
} as const;

export const HOSTILE_KEY = 'hostile-functie';

/** A valid interchange object whose every free-text field is one of the payloads above. */
export function hostileDescription(): FunctionDescription {
  return functionDescriptionSchema.parse({
    schemaVersion: 1,
    key: HOSTILE_KEY,
    kind: 'functiebeschrijving',
    title: `${HOSTILE.script} ${HOSTILE.emoji}`,
    organisation: 'Stad Tienen',
    department: HOSTILE.rtl,
    service: HOSTILE.zeroWidth,
    grade: HOSTILE.jsUrl,
    careerPath: 'B1-B3',
    purpose: HOSTILE.img,
    mainTasks: [HOSTILE.link, HOSTILE.long],
    position: HOSTILE.jsUrl,
    resultAreas: [{ title: HOSTILE.img, tasks: [HOSTILE.script] }],
    competencies: [
      {
        name: HOSTILE.emoji,
        block: 'technical',
        cluster: HOSTILE.zeroWidth,
        definition: HOSTILE.link,
        requiredLevel: 2,
        levelTitle: null,
        indicators: [HOSTILE.img],
        levels: [],
      },
    ],
    technicalKnowledge: [HOSTILE.rtl],
    approval: null,
  });
}
