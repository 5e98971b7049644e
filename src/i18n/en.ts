import type { ApprovalFailure } from './types';
import type { Strings } from './nl';

function describeFailure(failure: ApprovalFailure): string {
  switch (failure.reason) {
    case 'already-decided':
      return 'This request has already been decided. Refresh the page to see the decision.';
    case 'request-closed':
      return 'This request was closed without a decision. Open the role and decide on the newest request.';
    case 'content-changed':
      return 'The description was changed after it was submitted. HR must submit the new version again.';
    case null:
      break;
  }
  switch (failure.kind) {
    case 'forbidden':
      return failure.action === 'submit'
        ? 'Refused: only HR can submit a description for approval.'
        : failure.action === 'decide'
          ? 'Refused: only the algemeen directeur or a deputy can decide on a description. The request stays open.'
          : 'Refused: you do not have access to this data.';
    case 'validation':
      return failure.action === 'decide'
        ? 'Give a reason: a rejection needs one.'
        : 'The data in SharePoint is not valid. Ask HR to check it.';
    case 'notFound':
      return 'This request or role does not exist (any more). Go back to the catalogue.';
    case 'unauthorized':
      return 'You are not signed in (any more). Sign in again and try again.';
    case 'throttled':
      return 'SharePoint is busy. Wait a few seconds and try again.';
    case 'network':
      return 'SharePoint cannot be reached. Check your connection and try again.';
    case 'conflict':
      return 'Someone else changed this at the same time. Refresh the page and try again.';
    case null:
      return 'Something went wrong. Try again.';
  }
}

/** English, for a Teams client whose locale starts with "en". Content from the lists stays Dutch. */
export const en: Strings = {
  lang: 'en-GB',
  appName: 'Functiewijzer',
  signIn: {
    title: 'Sign in to Functiewijzer',
    region: 'Sign in',
    button: 'Sign in',
    busy: 'Signing in…',
    retry: 'Try again',
    technical: (details: string) => `Technical details for IT: ${details}`,
  },
  bootFailure: {
    title: 'Functiewijzer cannot start',
    unexpected: 'Something unexpected went wrong. Reload the tab.',
    tellIt: 'If this keeps happening, tell IT.',
    retry: 'Try again',
  },
  matchedByEmail: 'recognised by e-mail address',
  nav: {
    label: 'Main navigation',
    catalogue: 'Catalogue',
    back: 'Back',
    compare: 'Compare',
  },
  notices: {
    malformedLink:
      'The link you followed does not point to an existing page. You are looking at the catalogue; find the role below.',
    approvalUnavailable:
      'The approval page is not available in this version yet. You are looking at the catalogue.',
    offline:
      'You are offline. You are looking at the data saved last; it is refreshed as soon as you are back online.',
    offlineNoData:
      'You are offline and no data has been saved on this device yet. Connect and try again.',
    dismiss: 'Dismiss notice',
  },
  states: {
    loading: 'Loading…',
    slow: 'This is taking longer than usual: SharePoint is slow to answer. We keep trying.',
    retry: 'Try again',
    errors: {
      notFound: 'This page does not exist (any more). Go back to the catalogue.',
      forbidden:
        'You do not have access to this data. Ask HR or the Functiewijzer administrator for access.',
      unauthorized: 'You are not signed in (any more). Sign in again and try again.',
      throttled: 'SharePoint is busy. Wait a few seconds and try again.',
      network: 'SharePoint cannot be reached. Check your connection and try again.',
      other: 'Something went wrong while loading the data. Try again.',
    },
  },
  kind: {
    functiebeschrijving: 'Function description',
    functieprofiel: 'Function profile',
  },
  statusKind: {
    approved: 'Approved',
    pending: 'Pending approval',
    changed: 'Changed since approval',
    rejected: 'Rejected',
    draft: 'Draft',
  },
  statusLabel: {
    approved: (date) => `Approved on ${date}`,
    pending: 'Pending approval',
    rejected: (date) => `Rejected on ${date}`,
    changed: (date) => `Changed since approval of ${date}`,
    draft: 'Draft',
    historical: (date) => `Historical decision of ${date} (imported)`,
    /** Not known yet: the catalogue's row scan has not answered (issue 15). */
    checking: 'Checking status…',
    /** The row scan failed: no status is guessed. */
    unknown: 'Status unknown',
  },
  changes: {
    fields: {
      key: 'Key',
      kind: 'Kind',
      title: 'Title',
      organisation: 'Organisation',
      department: 'Department',
      service: 'Service',
      grade: 'Grade',
      careerPath: 'Career path',
      purpose: 'Purpose',
      position: 'Position in the organisation',
    },
    areas: { functiebeschrijving: 'Task agreement', functieprofiel: 'Result area' },
    blocks: { technical: 'technical competencies', behavioural: 'behavioural competencies' },
    aspects: {
      definition: 'Definition',
      levelTitle: 'Level title',
      indicators: 'Indicators',
      levels: 'Level descriptions',
    },
    ops: { added: 'added', removed: 'removed', changed: 'changed' },
    taskIn: { added: 'to', removed: 'from', changed: 'in' },
    mainTask: 'Main task',
    technicalKnowledge: 'Technical knowledge',
    task: 'Task',
    competency: 'Competency',
    competencyName: 'Name of competency',
    cluster: 'Cluster',
    level: 'level',
    noLevel: 'no level',
    noBlock: 'no block',
    noCluster: '(none)',
    was: (value) => `(was ${value})`,
    of: (what, whose) => `${what} of ${whose}`,
    moved: (name, from, to) => `${name} moved from ${from} to ${to}`,
    reordered: 'Order of the competencies changed',
    summary: {
      none: 'No changes',
      count: (n) => (n === 1 ? '1 change' : `${n} changes`),
      more: (n) => ` and ${n} more`,
    },
  },
  card: {
    requested: 'Approval requested',
    requestedFor: (role) => `Approval requested: ${role}`,
    unit: 'Department / service',
    careerPath: 'Career path',
    requestedBy: 'Requested by',
    changesTitle: 'What changed since the last approval',
    neverApproved: 'Never approved: the whole description is submitted.',
    note: 'Note',
    open: 'Review and decide',
    outcome: { approved: 'Approved', rejected: 'Rejected' },
    decided: (outcome, name, date) => `${outcome} by ${name} on ${date}.`,
    reason: (reason) => `Reason: ${reason}`,
  },
  level: {
    name: (level) => `Level ${level}`,
    named: (level, label) => `Level ${level} (${label})`,
    scale: (level, max) => `Required level ${level} of ${max}`,
    noScale: 'No numbered levels',
  },
  levelScales: {
    titled: (level, title) => `Level ${level}: ${title}`,
    ofScale: (level, lowest, highest) => `Level ${level} of ${lowest}–${highest}`,
    scaleOf: (lowest, highest) => `Level scale ${lowest}–${highest}`,
    otherScales: 'Not comparable: different level scale',
    scalesDiffer: (scales) =>
      `These roles use different level scales (${scales}). Levels on different scales are not compared as higher or lower.`,
    filterScale: 'Level scale',
    filterScaleOption: (scale, roles) => `${scale} (${roles} ${roles === 1 ? 'role' : 'roles'})`,
    atLeastOfScale: (level, lowest, highest) =>
      `Level ${level} or higher (scale ${lowest}–${highest})`,
    atLeastTitled: (level, title) => `From level ${level}: ${title}`,
    outsideFilter: (roles, scales) =>
      `${roles} ${roles === 1 ? 'role with a different level scale' : 'roles with a different level scale'} (${scales}) ${roles === 1 ? 'is' : 'are'} not covered by this level filter. Choose another scale under Level scale to filter ${roles === 1 ? 'that role' : 'those roles'} by level.`,
    rolesScalesDiffer: (scales) =>
      `These roles use different level scales (${scales}). They are grouped by scale: a level on one scale is not higher or lower than the same number on another.`,
    rolesCaptionOnScale: (name, scale, roles) =>
      `Roles that require ${name} on level scale ${scale} (${roles} ${roles === 1 ? 'role' : 'roles'}), with the required level`,
  },
  catalogue: {
    title: 'Roles',
    intro: 'Every function description and function profile of the organisation.',
    searchLabel: 'Search by role, task or competency',
    searchPlaceholder: 'Search by role, task or competency',
    filtersLabel: 'Filters',
    department: 'Department',
    service: 'Service',
    careerPath: 'Career path',
    status: 'Status',
    competency: 'Requires competency',
    minLevel: 'At level',
    anyValue: 'All',
    anyLevel: 'Any level',
    atLeast: (level) => `Level ${level} or higher`,
    sort: 'Sort by',
    sortOptions: {
      'title-asc': 'Title (A–Z)',
      'title-desc': 'Title (Z–A)',
      department: 'Department',
      careerPath: 'Career path',
      status: 'Status',
    },
    clear: 'Clear search and filters',
    count: (shown, total) =>
      shown === total ? `${total} ${total === 1 ? 'role' : 'roles'}` : `${shown} of ${total} roles`,
    listLabel: 'Roles',
    empty: 'No roles found',
    emptyHint: 'Change your search or filters.',
    emptyCatalogue: 'There are no roles yet. HR adds them with the import.',
    meta: {
      department: 'Department',
      service: 'Service',
      careerPath: 'Career path',
    },
    match: {
      title: 'Title',
      task: (task) => `Task: ${task}`,
      competency: (name) => `Competency: ${name}`,
    },
    matchLabel: 'Found in',
    compareToggle: 'Compare',
    select: (title) => `Compare: ${title}`,
    selection: (count) =>
      count === 0
        ? 'Select two or three roles to compare.'
        : `${count} ${count === 1 ? 'role' : 'roles'} selected`,
    compareSelected: 'Compare selection',
    clearSelection: 'Clear selection',
    selectionFull: 'You can compare at most three roles.',
    statusCheck: {
      checking: (count: number) =>
        `Checking the status of ${count} ${count === 1 ? 'role' : 'roles'}…`,
      done: 'The status of every role has been checked.',
      pending: (count: number) =>
        `${count} ${count === 1 ? 'role is' : 'roles are'} still being checked`,
      whileFiltered: (count: number) =>
        `${count} ${count === 1 ? 'role is' : 'roles are'} still being checked: for now ${count === 1 ? 'it is' : 'they are'} under no status, and last when sorted by status.`,
      failed: (count: number) =>
        `The status of ${count} ${count === 1 ? 'role' : 'roles'} could not be checked. ${count === 1 ? 'It shows' : 'They show'} ‘Status unknown’ until a check succeeds.`,
      retry: 'Check again',
    },
  },
  role: {
    general: 'General',
    fields: {
      kind: 'Kind',
      organisation: 'Organisation',
      department: 'Department',
      service: 'Service',
      grade: 'Grade',
      careerPath: 'Career path',
      status: 'Status',
    },
    purpose: 'Purpose of the role',
    mainTasks: 'Main tasks',
    position: 'Place in the organisation',
    resultAreas: {
      functiebeschrijving: 'Task agreements',
      functieprofiel: 'Result areas',
    },
    competencies: 'Competencies',
    blocks: {
      technical: 'Block 1: technical competencies',
      behavioural: 'Block 2: behavioural competencies',
      none: 'Competencies',
    },
    technicalKnowledge: 'Technical knowledge',
    otherSections: 'Other sections',
    approval: 'Approval',
    required: 'Required',
    requiredTab: (level) => `Level ${level} (required)`,
    levelsLabel: (name) => `Levels of ${name}`,
    noIndicators: 'No indicators for this level.',
    definition: 'Definition',
    moreAbout: (name) => `More about ${name}`,
    print: 'Print',
    openInSharePoint: 'Open in SharePoint',
    competenciesInSharePoint: 'Competencies in SharePoint',
    tasksInSharePoint: 'Task agreements in SharePoint',
    compareWith: 'Compare with another role',
    notSpecified: 'Not specified',
    actions: 'Actions',
  },
  competency: {
    eyebrow: 'Competency',
    levels: 'Levels',
    definition: 'Definition',
    block: 'Block',
    cluster: 'Cluster',
    blockNames: { technical: 'Technical competency', behavioural: 'Behavioural competency' },
    notInDictionary:
      'This competency is not in the dictionary: there is no definition or level description.',
    rolesTitle: 'Roles that require this competency',
    rolesCaption: (name) => `Roles that require ${name}, with the required level`,
    rolesCount: (count) =>
      count === 0
        ? 'No role requires this competency.'
        : `${count} ${count === 1 ? 'role requires' : 'roles require'} this competency.`,
    columns: { role: 'Role', department: 'Department', level: 'Required level' },
    notFound: 'This competency does not exist. Go back to the catalogue.',
  },
  compare: {
    title: 'Compare roles',
    pick: (position) => `Role ${position}`,
    pickPlaceholder: 'Choose a role',
    add: 'Add a role',
    remove: (title) => `Remove ${title} from the comparison`,
    needTwo: 'Choose at least two roles to compare.',
    summary: 'Summary',
    tableCaption: 'Required levels per competency, side by side',
    regionLabel: 'Comparison table',
    competencyColumn: 'Competency',
    notRequired: 'Not required',
    higher: 'higher',
    differs: 'differs',
    onlyDifferences: 'Show differences only',
    requiredNoLevel: 'Required (no level)',
    tasksTitle: 'Tasks found in one role only',
    onlyIn: (title) => `Only in ${title}`,
    noUniqueTasks: 'No tasks found in this role only.',
    summaryLines: {
      competencies: (n) => `${n} ${n === 1 ? 'competency' : 'competencies'}`,
      tasks: (n) => `${n} ${n === 1 ? 'task' : 'tasks'}`,
      higherIn: (title, ofThree) =>
        `${ofThree ? 'at the highest level' : 'at a higher level'} in ${title}`,
      onlyIn: (title) => `only in ${title}`,
      sameLevel: 'at the same level',
      noDifferences: 'No differences in competencies and tasks',
    },
  },
  approval: {
    page: {
      title: (role) => `Approval: ${role}`,
      submittedBy: (name, date, note) =>
        `Submitted by ${name} on ${date}${note ? `. Note: ${note}` : '.'}`,
      closedWithoutDecision:
        'This request was closed without a decision (replaced by a newer request).',
      unfinishedByMe:
        'Your decision on this request was not saved completely (the connection was lost). Decide again to finish it.',
      changedSinceRequest:
        'The description was changed after it was submitted. No decision can be made until HR submits the new version.',
      approve: 'Approve',
      reject: 'Reject',
      changesSince: (date) => `Changed since the approval of ${date}`,
      unchangedSince: (date) => `Unchanged since the approval of ${date}`,
      neverApproved: 'Never approved',
      wholeDescription: 'The whole description is submitted.',
      content: 'Content',
      confirmApproveTitle: 'Approve?',
      confirmApprove: (role) =>
        `You approve "${role}" as shown here. The decision is stored with this version.`,
      confirmRejectTitle: 'Reject?',
      confirmReject: (role) => `You reject "${role}". HR sees your reason.`,
      rejectReason: 'Reason for rejection',
    },
    decision: (outcome, name, date) =>
      `${outcome === 'approved' ? 'Approved' : 'Rejected'} by ${name} on ${date}`,
    content: {
      unit: 'Department / service',
      grade: 'Grade',
      careerPath: 'Career path',
      purpose: 'Purpose',
      mainTasks: 'Main tasks',
      competencies: 'Competencies',
      level: (level) => `level ${level}`,
    },
    queue: {
      title: 'To decide',
      loading: 'Loading requests…',
      empty: 'There are no requests awaiting approval.',
      submittedBy: (name, date) => `submitted by ${name} on ${date}`,
    },
    dialog: {
      cancel: 'Cancel',
      reasonMissing: 'Enter a reason.',
    },
    role: {
      title: 'Approval history',
      submit: 'Submit for approval',
      submitted: 'Submitted for approval.',
      review: 'Review and decide',
      changesSinceApproval: 'Changes since the last approval',
      history: 'History',
      historyLabel: 'Approval history',
      noHistory: 'Never submitted or decided.',
      requested: (name, date) => `Submitted by ${name} on ${date}`,
      requestState: (open) => (open ? 'open' : 'closed'),
      invalid: {
        'not-approver': 'invalid: not made by a member of the approvers, does not count',
        imported: 'historical decision (imported): does not count as an approval in Functiewijzer',
        duplicate: 'invalid: this request had already been decided, does not count',
      },
      viewSnapshot: 'View approved version',
      confirmSubmitTitle: 'Submit for approval?',
      confirmSubmit:
        'The current version goes to the algemeen directeur; a card appears in the channel.',
      confirmSubmitLabel: 'Submit',
      note: 'Note (optional)',
      snapshotTitle: (date) => `Approved version of ${date}`,
      snapshotUnreadable: 'This snapshot cannot be read.',
      close: 'Close',
    },
    changes: {
      label: 'Changes',
      none: 'No changes.',
    },
    errors: {
      // The data layer's messages are Dutch: an English UI names the failure in its own words.
      describe: describeFailure,
      warning: (warning) => {
        switch (warning.kind) {
          case 'no-channel':
            return 'No approval channel is configured: no card was posted.';
          case 'card-not-posted':
            return `The request is saved, but its card could not be posted in the channel (${warning.detail}). The director still finds it under "To decide".`;
          case 'approver-not-notified':
            return `${warning.name} was not notified (${warning.detail}).`;
          case 'reply-not-posted':
            return `The decision is saved, but the reply in the channel could not be posted (${warning.detail}).`;
        }
      },
      unavailable: 'Approval is not available here.',
    },
  },
  // Engineer B: HR's import page (src/tab/features/import).
  importPage: {
    nav: 'Import',
    title: 'Import function descriptions',
    intro:
      'Choose Word files (.docx), PDF files or text files (.txt). They are read in your browser; you see what was understood in each document before anything goes to SharePoint.',
    unavailable:
      'Importing is reserved for HR. You are seeing the catalogue; ask HR to import the documents.',
    noPort: 'Importing is not available here.',
    drop: {
      label: 'Documents to import',
      hint: 'Drag documents here or choose them.',
      active: 'Drop to read the documents.',
      choose: 'Choose files',
    },
    profile: {
      label: 'House style profile (optional)',
      hint: "The JSON file with your city's headings and labels, the same as the command line's --profile.",
      choose: 'Choose profile',
      none: 'Default profile',
      chosen: (name: string) => `Profile: ${name}`,
      remove: 'Use the default profile',
      invalid: (file: string, message: string) => `Profile '${file}' not used: ${message}`,
      reread: 'Documents you choose from now on are read with this profile.',
    },
    documents: 'Documents',
    reading: (file: string) => `Reading ${file}…`,
    select: (title: string) => `Save ${title}`,
    cannotSelect: 'This document has errors: it cannot be saved.',
    remove: (file: string) => `Remove ${file} from the list`,
    readOk: 'Read',
    readFailed: 'Could not be read',
    errorsTitle: 'What was not understood',
    warningsTitle: 'Remarks',
    where: (issue: { line: number | null; page?: number | undefined }) =>
      issue.page !== undefined
        ? `page ${issue.page}`
        : issue.line !== null
          ? `line ${issue.line}`
          : 'document',
    general: 'General data',
    purpose: 'Purpose of the role',
    resultAreas: 'Result areas',
    competencies: 'Competencies',
    otherSections: 'Other sections',
    noLevel: 'no level',
    levelOf: (level: number, lowest: number, highest: number) =>
      `Level ${level} (scale ${lowest} to ${highest})`,
    none: '(none)',
    approval: (date: string) =>
      `The document's approval line (${date}) is not imported as a decision: decisions are recorded by the chief executive in Functiewijzer. Request approval after saving, or have IT import the document from the command line.`,
    current: {
      loading: 'Comparing with SharePoint…',
      none: 'New role: it does not exist in SharePoint yet.',
      same: 'This role is already in SharePoint as it is: saving changes nothing.',
      differs: (count: number) =>
        `This role already exists in SharePoint. Saving overwrites ${count === 1 ? '1 change' : `${count} changes`}:`,
      failed: (message: string) => `Could not compare with SharePoint: ${message}`,
    },
    save: (count: number) => `Save to SharePoint (${count})`,
    saving: 'Saving…',
    comparing: 'Comparing with SharePoint…',
    progress: (done: number, total: number) => `${done} of ${total} documents processed`,
    confirm: {
      title: 'Overwrite existing roles?',
      body: (titles: string) =>
        `These roles already exist in SharePoint with different content: ${titles}. The documents' content replaces it. An approval of the previous content then no longer holds for the new one.`,
      unknown: (titles: string) =>
        `Whether ${titles} already exist in SharePoint could not be checked: saving may replace existing content.`,
      overwrite: 'Overwrite',
      cancel: 'Cancel',
    },
    result: {
      title: 'Result',
      created: 'Saved as a new role.',
      updated: 'Saved: the role in SharePoint was updated.',
      unchanged: 'Unchanged: SharePoint already had this content.',
      failed: (message: string) => `Not saved: ${message}`,
      open: (title: string) => `Open ${title}`,
      summary: (written: number, total: number) =>
        `${written} of ${total} documents saved or already up to date.`,
      error: (message: string) => `Saving failed: ${message}`,
    },
  },
};
