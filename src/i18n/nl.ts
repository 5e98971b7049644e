import type { DescriptionKind } from '../domain/schema';
import type { StatusKind } from '../domain/status';
import type { ChangeWords, SummaryWords } from './changes';
import type { CompareSummaryWords } from './compare-summary';
import type { ApprovalFailure, ApprovalWarning } from './types';

/**
 * Every text a user reads, in Dutch (nl-BE): the reference language; `en.ts` follows its shape.
 * The tab, the channel card and the approval service's notification all take their words here.
 */
export const nl = {
  lang: 'nl-BE',
  appName: 'Functiewijzer',
  /** The tab's start-up screens: sign-in (a screen, or a banner once the tab runs) and failure. */
  signIn: {
    title: 'Aanmelden bij Functiewijzer',
    region: 'Aanmelden',
    button: 'Aanmelden',
    busy: 'Bezig met aanmelden…',
    retry: 'Opnieuw proberen',
    technical: (details: string) => `Technische gegevens voor IT: ${details}`,
  },
  bootFailure: {
    title: 'Functiewijzer kan niet starten',
    unexpected: 'Er ging iets onverwacht mis. Laad het tabblad opnieuw.',
    tellIt: 'Blijft dit gebeuren, meld het dan aan IT.',
    retry: 'Opnieuw proberen',
  },
  /** After a decision's maker whom Graph gave without a user id, matched by e-mail (issue 12). */
  matchedByEmail: 'herkend aan e-mailadres',
  nav: {
    label: 'Hoofdnavigatie',
    catalogue: 'Catalogus',
    back: 'Terug',
    compare: 'Vergelijken',
  },
  notices: {
    malformedLink:
      'De link die je volgde verwijst niet naar een bestaande pagina. Je ziet de catalogus; zoek de functie hieronder.',
    approvalUnavailable:
      'De goedkeuringspagina is nog niet beschikbaar in deze versie. Je ziet de catalogus.',
    offline:
      'Je bent offline. Je ziet de laatst bewaarde gegevens; ze worden bijgewerkt zodra je weer verbinding hebt.',
    offlineNoData:
      'Je bent offline en er zijn nog geen gegevens bewaard op dit toestel. Maak verbinding en probeer opnieuw.',
    dismiss: 'Melding sluiten',
  },
  states: {
    loading: 'Laden…',
    slow: 'Dit duurt langer dan gewoonlijk: SharePoint antwoordt traag. We blijven het proberen.',
    retry: 'Opnieuw proberen',
    errors: {
      notFound: 'Deze pagina bestaat niet (meer). Ga terug naar de catalogus.',
      forbidden:
        'Je hebt geen toegang tot deze gegevens. Vraag toegang aan HR of aan de beheerder van de Functiewijzer.',
      unauthorized: 'Je bent niet (meer) aangemeld. Meld je opnieuw aan en probeer opnieuw.',
      throttled: 'SharePoint is even overbelast. Wacht enkele seconden en probeer opnieuw.',
      network: 'SharePoint is niet bereikbaar. Controleer je verbinding en probeer opnieuw.',
      other: 'Er ging iets mis bij het laden van de gegevens. Probeer opnieuw.',
    },
  },
  kind: {
    functiebeschrijving: 'Functiebeschrijving',
    functieprofiel: 'Functieprofiel',
  } satisfies Record<DescriptionKind, string>,
  statusKind: {
    approved: 'Goedgekeurd',
    pending: 'Ter goedkeuring',
    changed: 'Gewijzigd sinds goedkeuring',
    rejected: 'Afgewezen',
    draft: 'Concept',
  } satisfies Record<StatusKind, string>,
  /** A role's status with its date (already formatted), as the badge and the role page show it. */
  statusLabel: {
    approved: (date: string) => `Goedgekeurd op ${date}`,
    pending: 'Ter goedkeuring',
    rejected: (date: string) => `Afgewezen op ${date}`,
    changed: (date: string) => `Gewijzigd sinds goedkeuring van ${date}`,
    draft: 'Concept',
    historical: (date: string) => `Historisch besluit van ${date} (geïmporteerd)`,
    /** Not known yet: the catalogue's row scan has not answered (issue 15). */
    checking: 'Status wordt gecontroleerd…',
    /** The row scan failed: no status is guessed. */
    unknown: 'Status onbekend',
  },
  /** The diff since the last approval (rendered by changes.ts): the tab, the card and the feed. */
  changes: {
    fields: {
      key: 'Sleutel',
      kind: 'Soort',
      title: 'Titel',
      organisation: 'Organisatie',
      department: 'Afdeling',
      service: 'Dienst',
      grade: 'Graad',
      careerPath: 'Loopbaan',
      purpose: 'Doel',
      position: 'Plaats in de organisatie',
    },
    areas: { functiebeschrijving: 'Taakafspraak', functieprofiel: 'Resultaatsgebied' },
    blocks: { technical: 'technische competenties', behavioural: 'gedragscompetenties' },
    aspects: {
      definition: 'Definitie',
      levelTitle: 'Niveautitel',
      indicators: 'Indicatoren',
      levels: 'Niveaubeschrijvingen',
    },
    ops: { added: 'toegevoegd', removed: 'verwijderd', changed: 'gewijzigd' },
    taskIn: { added: 'aan', removed: 'uit', changed: 'in' },
    mainTask: 'Hoofdtaak',
    technicalKnowledge: 'Vaktechnische kennis',
    task: 'Taak',
    competency: 'Competentie',
    competencyName: 'Naam van competentie',
    cluster: 'Cluster',
    level: 'niveau',
    noLevel: 'geen niveau',
    noBlock: 'geen blok',
    noCluster: '(geen)',
    was: (value: string) => `(was ${value})`,
    of: (what: string, whose: string) => `${what} van ${whose}`,
    moved: (name: string, from: string, to: string) => `${name} verplaatst van ${from} naar ${to}`,
    reordered: 'Volgorde van de competenties gewijzigd',
    summary: {
      none: 'Geen wijzigingen',
      count: (n: number) => (n === 1 ? '1 wijziging' : `${n} wijzigingen`),
      more: (n: number) => ` en ${n} andere`,
    } satisfies SummaryWords,
  } satisfies ChangeWords & { summary: SummaryWords },
  /**
   * The approval card in the channel, the reply that closes its thread and the approvers'
   * activity notification (src/teams/approval-card.ts, the approval service).
   */
  card: {
    requested: 'Goedkeuring gevraagd',
    /** The card's fallback text and the notification's preview. */
    requestedFor: (role: string) => `Goedkeuring gevraagd: ${role}`,
    unit: 'Afdeling / dienst',
    careerPath: 'Loopbaan',
    requestedBy: 'Gevraagd door',
    changesTitle: 'Wat is gewijzigd sinds de laatste goedkeuring',
    neverApproved: 'Nog nooit goedgekeurd: de volledige beschrijving ligt voor.',
    note: 'Toelichting',
    open: 'Bekijken en beslissen',
    outcome: { approved: 'Goedgekeurd', rejected: 'Afgewezen' },
    /** The reply's first line; the card passes the values html-escaped. */
    decided: (outcome: string, name: string, date: string) => `${outcome} door ${name} op ${date}.`,
    reason: (reason: string) => `Motivering: ${reason}`,
  },
  level: {
    name: (level: number) => `Niveau ${level}`,
    /** With the domain's name of the level: "Niveau 2 (Gevorderd)". */
    named: (level: number, label: string) => `Niveau ${level} (${label})`,
    scale: (level: number, max: number) => `Vereist niveau ${level} van ${max}`,
    noScale: 'Geen genummerde niveaus',
  },
  /** Level scales per document (issue 13, schema v2): engineer A's block. */
  levelScales: {
    /** A level with the document's own title for it: "Niveau 2: Handelt binnen het team". */
    titled: (level: number, title: string) => `Niveau ${level}: ${title}`,
    /** A level on a scale without titles, other than 0–3: "Niveau 3 van 1–5". */
    ofScale: (level: number, lowest: number, highest: number) =>
      `Niveau ${level} van ${lowest}–${highest}`,
    /** The scale of a role, where it is not 0–3. */
    scaleOf: (lowest: number, highest: number) => `Niveauschaal ${lowest}–${highest}`,
    otherScales: 'Niet vergelijkbaar: andere niveauschaal',
    scalesDiffer: (scales: string) =>
      `Deze functies gebruiken een verschillende niveauschaal (${scales}). Niveaus op verschillende schalen worden niet als hoger of lager vergeleken.`,
    /** The catalogue's choice of the scale its level filter is read on (roles on several). */
    filterScale: 'Niveauschaal',
    filterScaleOption: (scale: string, roles: number) =>
      `${scale} (${roles} ${roles === 1 ? 'functie' : 'functies'})`,
    /** A level filter's choice on a scale other than 0–3: "Niveau 3 of hoger (schaal 1–5)". */
    atLeastOfScale: (level: number, lowest: number, highest: number) =>
      `Niveau ${level} of hoger (schaal ${lowest}–${highest})`,
    /** A level filter's choice on a scale that names its levels. */
    atLeastTitled: (level: number, title: string) => `Vanaf niveau ${level}: ${title}`,
    /** Roles the level filter leaves out because their scale is another one. */
    outsideFilter: (roles: number, scales: string) =>
      `${roles} ${roles === 1 ? 'functie met een andere niveauschaal' : 'functies met een andere niveauschaal'} (${scales}) ${roles === 1 ? 'valt' : 'vallen'} buiten deze niveaufilter. Kies bij Niveauschaal een andere schaal om ${roles === 1 ? 'die functie' : 'die functies'} op niveau te filteren.`,
    /** The competency page, when the roles requiring it count their levels differently. */
    rolesScalesDiffer: (scales: string) =>
      `Deze functies gebruiken een verschillende niveauschaal (${scales}). Ze staan per schaal gegroepeerd: een niveau op de ene schaal is niet hoger of lager dan hetzelfde getal op een andere.`,
    /** The caption of one scale's table of roles on the competency page. */
    rolesCaptionOnScale: (name: string, scale: string, roles: number) =>
      `Functies die ${name} vereisen op niveauschaal ${scale} (${roles} ${roles === 1 ? 'functie' : 'functies'}), met het vereiste niveau`,
  },
  catalogue: {
    title: 'Functies',
    intro: 'Alle functiebeschrijvingen en functieprofielen van de organisatie.',
    searchLabel: 'Zoek op functie, taak of competentie',
    searchPlaceholder: 'Zoek op functie, taak of competentie',
    filtersLabel: 'Filters',
    department: 'Afdeling',
    service: 'Dienst',
    careerPath: 'Loopbaan',
    status: 'Status',
    competency: 'Vereist competentie',
    minLevel: 'Op niveau',
    anyValue: 'Alle',
    anyLevel: 'Elk niveau',
    atLeast: (level: number) => `Niveau ${level} of hoger`,
    sort: 'Sorteren op',
    sortOptions: {
      'title-asc': 'Titel (A–Z)',
      'title-desc': 'Titel (Z–A)',
      department: 'Afdeling',
      careerPath: 'Loopbaan',
      status: 'Status',
    },
    clear: 'Zoekterm en filters wissen',
    count: (shown: number, total: number) =>
      shown === total
        ? `${total} ${total === 1 ? 'functie' : 'functies'}`
        : `${shown} van ${total} functies`,
    listLabel: 'Functies',
    empty: 'Geen functies gevonden',
    emptyHint: 'Pas je zoekterm of filters aan.',
    emptyCatalogue: 'Er zijn nog geen functies. HR voegt ze toe via de import.',
    meta: {
      department: 'Afdeling',
      service: 'Dienst',
      careerPath: 'Loopbaan',
    },
    match: {
      title: 'Titel',
      task: (task: string) => `Taak: ${task}`,
      competency: (name: string) => `Competentie: ${name}`,
    },
    matchLabel: 'Gevonden in',
    compareToggle: 'Vergelijken',
    select: (title: string) => `Vergelijken: ${title}`,
    selection: (count: number) =>
      count === 0
        ? 'Selecteer twee of drie functies om te vergelijken.'
        : `${count} ${count === 1 ? 'functie' : 'functies'} geselecteerd`,
    compareSelected: 'Vergelijk selectie',
    clearSelection: 'Selectie wissen',
    selectionFull: 'Je kan maximaal drie functies vergelijken.',
    /**
     * Issue 15: the list is shown before the row scan that makes every status exact; the rows it
     * decides say "Status wordt gecontroleerd…" until it answers.
     */
    statusCheck: {
      /** The list's one live region while the scan runs. */
      checking: (count: number) =>
        `De status van ${count} ${count === 1 ? 'functie' : 'functies'} wordt gecontroleerd…`,
      /** The same region once it has answered. */
      done: 'De status van alle functies is gecontroleerd.',
      /** Under the status filter while the scan runs. */
      pending: (count: number) =>
        `${count} ${count === 1 ? 'functie wordt' : 'functies worden'} nog gecontroleerd`,
      /** While the status filter or the status sort is in use and the scan runs. */
      whileFiltered: (count: number) =>
        `${count} ${count === 1 ? 'functie wordt' : 'functies worden'} nog gecontroleerd: ${count === 1 ? 'ze staat' : 'ze staan'} voorlopig bij geen enkele status, en onderaan bij sorteren op status.`,
      /** The scan failed: the rows stay "Status onbekend", no status is guessed. */
      failed: (count: number) =>
        `De status van ${count} ${count === 1 ? 'functie' : 'functies'} kon niet worden gecontroleerd. Ze staan als ‘Status onbekend’ tot controleren lukt.`,
      retry: 'Opnieuw controleren',
    },
  },
  role: {
    general: 'Algemeen',
    fields: {
      kind: 'Soort',
      organisation: 'Organisatie',
      department: 'Afdeling',
      service: 'Dienst',
      grade: 'Graad',
      careerPath: 'Functionele loopbaan',
      status: 'Status',
    },
    purpose: 'Doel van de functie',
    mainTasks: 'Hoofdtaken',
    position: 'Plaats in de organisatie',
    resultAreas: {
      functiebeschrijving: 'Inhoudelijke taakafspraken',
      functieprofiel: 'Resultaatsgebieden',
    } satisfies Record<DescriptionKind, string>,
    competencies: 'Competenties',
    blocks: {
      technical: 'Blok 1: technische competenties',
      behavioural: 'Blok 2: gedragscompetenties',
      none: 'Competenties',
    },
    technicalKnowledge: 'Vaktechnische competenties',
    otherSections: 'Andere onderdelen',
    approval: 'Goedkeuring',
    required: 'Vereist',
    requiredTab: (level: number) => `Niveau ${level} (vereist)`,
    levelsLabel: (name: string) => `Niveaus van ${name}`,
    noIndicators: 'Geen gedragsindicatoren voor dit niveau.',
    definition: 'Definitie',
    moreAbout: (name: string) => `Meer over ${name}`,
    print: 'Afdrukken',
    openInSharePoint: 'Openen in SharePoint',
    competenciesInSharePoint: 'Competenties in SharePoint',
    tasksInSharePoint: 'Taakafspraken in SharePoint',
    compareWith: 'Vergelijken met andere functie',
    notSpecified: 'Niet opgegeven',
    actions: 'Acties',
  },
  competency: {
    eyebrow: 'Competentie',
    levels: 'Niveaus',
    definition: 'Definitie',
    block: 'Blok',
    cluster: 'Cluster',
    blockNames: { technical: 'Technische competentie', behavioural: 'Gedragscompetentie' },
    notInDictionary:
      'Deze competentie staat niet in het woordenboek: er is geen definitie of niveauomschrijving.',
    rolesTitle: 'Functies die deze competentie vereisen',
    rolesCaption: (name: string) => `Functies die ${name} vereisen, met het vereiste niveau`,
    rolesCount: (count: number) =>
      count === 0
        ? 'Geen enkele functie vereist deze competentie.'
        : `${count} ${count === 1 ? 'functie vereist' : 'functies vereisen'} deze competentie.`,
    columns: { role: 'Functie', department: 'Afdeling', level: 'Vereist niveau' },
    notFound: 'Deze competentie bestaat niet. Ga terug naar de catalogus.',
  },
  compare: {
    title: 'Functies vergelijken',
    pick: (position: number) => `Functie ${position}`,
    pickPlaceholder: 'Kies een functie',
    add: 'Functie toevoegen',
    remove: (title: string) => `${title} verwijderen uit de vergelijking`,
    needTwo: 'Kies minstens twee functies om te vergelijken.',
    summary: 'Samenvatting',
    tableCaption: 'Vereiste niveaus per competentie, naast elkaar',
    regionLabel: 'Vergelijkingstabel',
    competencyColumn: 'Competentie',
    notRequired: 'Niet vereist',
    higher: 'hoger',
    differs: 'verschil',
    onlyDifferences: 'Enkel verschillen tonen',
    requiredNoLevel: 'Vereist (geen niveau)',
    tasksTitle: 'Taken die maar in één functie voorkomen',
    onlyIn: (title: string) => `Enkel in ${title}`,
    noUniqueTasks: 'Geen taken die enkel in deze functie voorkomen.',
    /** The summary's sentences, rendered by compare-summary.ts. */
    summaryLines: {
      competencies: (n: number) => `${n} ${n === 1 ? 'competentie' : 'competenties'}`,
      tasks: (n: number) => `${n} ${n === 1 ? 'taak' : 'taken'}`,
      higherIn: (title: string, ofThree: boolean) =>
        `${ofThree ? 'op het hoogste niveau' : 'op een hoger niveau'} in ${title}`,
      onlyIn: (title: string) => `enkel in ${title}`,
      sameLevel: 'op hetzelfde niveau',
      noDifferences: 'Geen verschillen in competenties en taken',
    } satisfies CompareSummaryWords,
  },
  approval: {
    page: {
      title: (role: string) => `Goedkeuring: ${role}`,
      submittedBy: (name: string, date: string, note: string | null) =>
        `Voorgelegd door ${name} op ${date}${note ? `. Toelichting: ${note}` : '.'}`,
      closedWithoutDecision:
        'Deze aanvraag is gesloten zonder besluit (vervangen door een nieuwere aanvraag).',
      unfinishedByMe:
        'Je besluit over deze aanvraag werd niet volledig bewaard (de verbinding viel weg). Beslis opnieuw om het af te ronden.',
      changedSinceRequest:
        'De functiebeschrijving is gewijzigd nadat ze werd voorgelegd. Er kan niet over beslist worden tot HR de nieuwe versie opnieuw voorlegt.',
      approve: 'Goedkeuren',
      reject: 'Afwijzen',
      changesSince: (date: string) => `Gewijzigd sinds de goedkeuring van ${date}`,
      unchangedSince: (date: string) => `Ongewijzigd sinds de goedkeuring van ${date}`,
      neverApproved: 'Nog nooit goedgekeurd',
      wholeDescription: 'De volledige beschrijving ligt voor.',
      content: 'Inhoud',
      confirmApproveTitle: 'Goedkeuren?',
      confirmApprove: (role: string) =>
        `Je keurt "${role}" goed zoals hier getoond. Het besluit wordt bewaard met deze versie.`,
      confirmRejectTitle: 'Afwijzen?',
      confirmReject: (role: string) => `Je wijst "${role}" af. HR ziet je motivering.`,
      rejectReason: 'Reden van afwijzing',
    },
    decision: (outcome: 'approved' | 'rejected', name: string, date: string) =>
      `${outcome === 'approved' ? 'Goedgekeurd' : 'Afgewezen'} door ${name} op ${date}`,
    content: {
      unit: 'Afdeling / dienst',
      grade: 'Graad',
      careerPath: 'Loopbaan',
      purpose: 'Doel',
      mainTasks: 'Hoofdtaken',
      competencies: 'Competenties',
      level: (level: number) => `niveau ${level}`,
    },
    queue: {
      title: 'Te beslissen',
      loading: 'Aanvragen worden geladen…',
      empty: 'Er liggen geen aanvragen ter goedkeuring.',
      submittedBy: (name: string, date: string) => `voorgelegd door ${name} op ${date}`,
    },
    dialog: {
      cancel: 'Annuleren',
      reasonMissing: 'Vul een reden in.',
    },
    role: {
      title: 'Goedkeuringsverloop',
      submit: 'Ter goedkeuring voorleggen',
      submitted: 'Voorgelegd ter goedkeuring.',
      review: 'Bekijken en beslissen',
      changesSinceApproval: 'Wijzigingen sinds de laatste goedkeuring',
      history: 'Geschiedenis',
      historyLabel: 'Geschiedenis van de goedkeuring',
      noHistory: 'Nog nooit voorgelegd of beslist.',
      requested: (name: string, date: string) => `Voorgelegd door ${name} op ${date}`,
      requestState: (open: boolean) => (open ? 'open' : 'gesloten'),
      invalid: {
        'not-approver': 'ongeldig: niet genomen door een lid van de goedkeurders, telt niet mee',
        imported:
          'historisch besluit (geïmporteerd): telt niet mee als goedkeuring in de Functiewijzer',
        duplicate: 'ongeldig: over deze aanvraag was al beslist, telt niet mee',
      },
      viewSnapshot: 'Goedgekeurde versie bekijken',
      confirmSubmitTitle: 'Ter goedkeuring voorleggen?',
      confirmSubmit:
        'De huidige versie gaat naar de algemeen directeur; in het kanaal verschijnt een kaart.',
      confirmSubmitLabel: 'Voorleggen',
      note: 'Toelichting (niet verplicht)',
      snapshotTitle: (date: string) => `Goedgekeurde versie van ${date}`,
      snapshotUnreadable: 'Deze momentopname kan niet gelezen worden.',
      close: 'Sluiten',
    },
    changes: {
      label: 'Wijzigingen',
      none: 'Geen wijzigingen.',
    },
    errors: {
      /** The data layer's errors are Dutch and say what to do: shown as they are. */
      describe: (failure: ApprovalFailure) =>
        failure.message === null
          ? 'Er ging iets mis. Probeer het opnieuw.'
          : failure.kind === 'forbidden'
            ? `Geweigerd: ${failure.message}`
            : failure.message,
      warning: (warning: ApprovalWarning): string => {
        switch (warning.kind) {
          case 'no-channel':
            return 'Er is geen goedkeuringskanaal ingesteld: er werd geen kaart gepost.';
          case 'card-not-posted':
            return `De aanvraag is geregistreerd, maar de kaart kon niet in het kanaal gepost worden (${warning.detail}). De directeur vindt ze wel onder "Te beslissen".`;
          case 'approver-not-notified':
            return `${warning.name} kreeg geen melding (${warning.detail}).`;
          case 'reply-not-posted':
            return `Het besluit is bewaard, maar het antwoord in het kanaal kon niet gepost worden (${warning.detail}).`;
        }
      },
      unavailable: 'Goedkeuren is in deze omgeving niet beschikbaar.',
    },
  },
  // Engineer B: HR's import page (src/tab/features/import).
  importPage: {
    nav: 'Importeren',
    title: 'Functiebeschrijvingen importeren',
    intro:
      'Kies Word-bestanden (.docx), PDF-bestanden of tekstbestanden (.txt). Ze worden in je browser gelezen; je ziet per document wat begrepen werd voordat er iets in SharePoint komt.',
    unavailable:
      'Importeren is voorbehouden aan HR. Je ziet de catalogus; vraag HR om de documenten in te lezen.',
    noPort: 'Importeren is in deze omgeving niet beschikbaar.',
    drop: {
      label: 'Documenten om te importeren',
      hint: 'Sleep documenten hierheen of kies ze.',
      active: 'Laat los om de documenten te lezen.',
      choose: 'Bestanden kiezen',
    },
    profile: {
      label: 'Huisstijlprofiel (optioneel)',
      hint: 'Het JSON-bestand met de kopjes en labels van je stad, hetzelfde als --profile van de opdrachtregel.',
      choose: 'Profiel kiezen',
      none: 'Standaardprofiel',
      chosen: (name: string) => `Profiel: ${name}`,
      remove: 'Standaardprofiel gebruiken',
      invalid: (file: string, message: string) => `Profiel '${file}' niet gebruikt: ${message}`,
      reread: 'Documenten die je hierna kiest, worden met dit profiel gelezen.',
    },
    documents: 'Documenten',
    reading: (file: string) => `${file} wordt gelezen…`,
    select: (title: string) => `${title} opslaan`,
    cannotSelect: 'Dit document heeft fouten: het kan niet opgeslagen worden.',
    remove: (file: string) => `${file} uit de lijst halen`,
    readOk: 'Gelezen',
    readFailed: 'Niet te lezen',
    errorsTitle: 'Wat niet begrepen werd',
    warningsTitle: 'Opmerkingen',
    where: (issue: { line: number | null; page?: number | undefined }) =>
      issue.page !== undefined
        ? `pagina ${issue.page}`
        : issue.line !== null
          ? `regel ${issue.line}`
          : 'document',
    general: 'Algemene gegevens',
    purpose: 'Doel van de functie',
    resultAreas: 'Resultaatsgebieden',
    competencies: 'Competenties',
    otherSections: 'Andere onderdelen',
    noLevel: 'zonder niveau',
    levelOf: (level: number, lowest: number, highest: number) =>
      `Niveau ${level} (schaal ${lowest} tot ${highest})`,
    none: '(geen)',
    approval: (date: string) =>
      `De goedkeuringsregel van het document (${date}) wordt niet als besluit overgenomen: besluiten legt de algemeen directeur vast in de Functiewijzer. Vraag na het opslaan de goedkeuring aan, of laat IT het document met de opdrachtregel importeren.`,
    current: {
      loading: 'Vergelijken met SharePoint…',
      none: 'Nieuwe functie: ze bestaat nog niet in SharePoint.',
      same: 'Deze functie staat al zo in SharePoint: opslaan verandert niets.',
      differs: (count: number) =>
        `Deze functie bestaat al in SharePoint. Opslaan overschrijft ${count === 1 ? '1 wijziging' : `${count} wijzigingen`}:`,
      failed: (message: string) => `Kon niet vergelijken met SharePoint: ${message}`,
    },
    save: (count: number) => `Opslaan in SharePoint (${count})`,
    saving: 'Bezig met opslaan…',
    comparing: 'Vergelijken met SharePoint…',
    progress: (done: number, total: number) => `${done} van ${total} documenten verwerkt`,
    confirm: {
      title: 'Bestaande functies overschrijven?',
      body: (titles: string) =>
        `Deze functies bestaan al in SharePoint met andere inhoud: ${titles}. De inhoud van de documenten vervangt ze. Een goedkeuring van de vorige inhoud geldt dan niet meer voor de nieuwe.`,
      unknown: (titles: string) =>
        `Van ${titles} kon niet worden nagegaan of ze al in SharePoint staan: opslaan kan bestaande inhoud vervangen.`,
      overwrite: 'Overschrijven',
      cancel: 'Annuleren',
    },
    result: {
      title: 'Resultaat',
      created: 'Opgeslagen als nieuwe functie.',
      updated: 'Opgeslagen: de functie in SharePoint is bijgewerkt.',
      unchanged: 'Ongewijzigd: SharePoint had al deze inhoud.',
      failed: (message: string) => `Niet opgeslagen: ${message}`,
      open: (title: string) => `${title} openen`,
      summary: (written: number, total: number) =>
        `${written} van ${total} documenten opgeslagen of al up-to-date.`,
      error: (message: string) => `Opslaan mislukt: ${message}`,
    },
  },
};

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : { [K in keyof T]: Widen<T[K]> };

/** The shape every language must fill in. */
export type Strings = Widen<typeof nl>;
