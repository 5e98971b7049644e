import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  tokens,
} from '@fluentui/react-components';
import { ArrowUploadRegular, DocumentSettingsRegular } from '@fluentui/react-icons';
import { useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useReducer, useRef, useState, type DragEvent } from 'react';
import { contentOf } from '../../../../domain/content-hash';
import type { FunctionDescription } from '../../../../domain/schema';
import { parseProfileJson, type LayoutProfile } from '../../../../import/profile';
import type { ImportProgress, SaveOutcome } from '../../../../services/import';
import { PageHeading } from '../../../components/PageHeading';
import { useReportReady } from '../../../components/ready';
import { RepositoriesContext } from '../../../data/queries';
import { useI18n } from '../../../i18n';
import { createDocumentParser, type DocumentParser } from '../parser/parser-client';
import { DocumentCard } from './DocumentCard';
import { currentFrom, importReducer } from './import-state';

const ACCEPT = '.docx,.pdf,.txt,application/pdf,text/plain';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  zone: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalXL,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    textAlign: 'center',
  },
  zoneActive: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hidden: { display: 'none' },
  p: { margin: 0 },
});

/**
 * HR's import page (issue 13, item 4): documents dropped or picked are parsed in a Web Worker
 * with the importer's own code, previewed with what was not understood and the difference with
 * SharePoint, and the selected ones saved through the import service (content only).
 */
export function ImportPage() {
  const { t } = useI18n();
  const s = t.importPage;
  const styles = useStyles();
  const repositories = useContext(RepositoriesContext);
  const port = repositories?.importer;
  const queryClient = useQueryClient();
  const [docs, dispatch] = useReducer(importReducer, []);
  const [profile, setProfile] = useState<{ name: string; profile: LayoutProfile } | null>(null);
  const [profileError, setProfileError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ changed: string[]; unknown: string[] } | null>(
    null,
  );
  const fileInput = useRef<HTMLInputElement>(null);
  const profileInput = useRef<HTMLInputElement>(null);
  const parser = useRef<DocumentParser | null>(null);
  const nextId = useRef(1);
  useReportReady(true);

  useEffect(() => {
    return () => {
      parser.current?.dispose();
      parser.current = null;
    };
  }, []);

  const addFiles = (files: readonly File[]) => {
    parser.current ??= createDocumentParser();
    const reader = parser.current;
    for (const file of files) {
      const id = nextId.current++;
      dispatch({ type: 'added', id, fileName: file.name });
      void reader.parse(file, profile?.profile ?? null).then((result) => {
        dispatch({ type: 'parsed', id, result });
        if (!result.ok) return;
        if (!port) {
          dispatch({ type: 'current', id, current: { state: 'idle' } });
          return;
        }
        const parsed = contentOf(result.description);
        port.current(result.description.key).then(
          (content) => dispatch({ type: 'current', id, current: currentFrom(content, parsed) }),
          (error: unknown) =>
            dispatch({
              type: 'current',
              id,
              current: {
                state: 'failed',
                message: error instanceof Error ? error.message : String(error),
              },
            }),
        );
      });
    }
  };

  const chooseProfile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseProfileJson(await file.text());
    if (!parsed.ok) {
      setProfileError(s.profile.invalid(file.name, parsed.message));
      return;
    }
    setProfileError(null);
    setProfile({ name: file.name, profile: parsed.profile });
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    addFiles(Array.from(event.dataTransfer.files));
  };

  const selected = docs.filter((d) => d.selected && d.result?.ok === true);
  const overwritten = selected.filter(
    (d) => d.current.state === 'found' && d.current.changes.length > 0,
  );
  // Whether SharePoint has the role is not known yet (or could not be read): saving now could
  // overwrite without the question above, so it waits, or asks about these too.
  const comparing = selected.some((d) => d.current.state === 'loading');
  const unknown = selected.filter((d) => d.current.state === 'failed');

  const save = async () => {
    setConfirming(null);
    if (!port || selected.length === 0) return;
    const batch = selected.flatMap((d) =>
      d.result?.ok === true ? [{ id: d.id, description: d.result.description }] : [],
    );
    setSaving(true);
    setSaveError(null);
    setSummary(null);
    setProgress({ done: 0, total: batch.length, current: '' });
    try {
      const outcomes = await port.save(
        batch.map((b) => b.description as FunctionDescription),
        setProgress,
      );
      const byId = new Map<number, SaveOutcome>();
      batch.forEach((b, i) => {
        const outcome = outcomes[i];
        if (outcome) byId.set(b.id, outcome);
      });
      dispatch({ type: 'saved', outcomes: byId });
      const landed = outcomes.filter((o) => o.kind !== 'failed').length;
      setSummary(s.result.summary(landed, outcomes.length));
      // New and changed roles show in the catalogue and on their pages straight away.
      await queryClient.invalidateQueries();
    } catch (error) {
      setSaveError(s.result.error(error instanceof Error ? error.message : String(error)));
    } finally {
      setSaving(false);
      setProgress(null);
    }
  };

  const onSave = () => {
    if (comparing) return;
    const titleOf = (d: (typeof selected)[number]) =>
      d.result?.ok === true ? d.result.description.title : d.fileName;
    if (overwritten.length > 0 || unknown.length > 0) {
      setConfirming({ changed: overwritten.map(titleOf), unknown: unknown.map(titleOf) });
    } else void save();
  };

  if (!port) {
    return (
      <div className={styles.page}>
        <PageHeading>{s.title}</PageHeading>
        <p className={styles.p}>{s.noPort}</p>
      </div>
    );
  }

  return (
    <div className={styles.page}>
      <PageHeading>{s.title}</PageHeading>
      <p className={styles.p}>{s.intro}</p>

      <section aria-label={s.profile.label} className={styles.row}>
        <Button
          icon={<DocumentSettingsRegular />}
          onClick={() => profileInput.current?.click()}
          disabled={saving}
        >
          {s.profile.choose}
        </Button>
        <span>{profile ? s.profile.chosen(profile.name) : s.profile.none}</span>
        {profile && (
          <Button appearance="subtle" onClick={() => setProfile(null)} disabled={saving}>
            {s.profile.remove}
          </Button>
        )}
        <input
          ref={profileInput}
          type="file"
          accept=".json,application/json"
          className={styles.hidden}
          aria-label={s.profile.label}
          tabIndex={-1}
          data-testid="import-profile-input"
          onChange={(event) => {
            void chooseProfile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </section>
      <p className={styles.p}>{profile ? s.profile.reread : s.profile.hint}</p>
      {profileError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{profileError}</MessageBarBody>
        </MessageBar>
      )}

      <section
        aria-label={s.drop.label}
        className={mergeClasses(styles.zone, dragging && styles.zoneActive)}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="import-drop-zone"
      >
        <p className={styles.p}>{dragging ? s.drop.active : s.drop.hint}</p>
        {/* The zone is a mouse convenience; the button is the keyboard's way in (same files). */}
        <Button
          appearance="primary"
          icon={<ArrowUploadRegular />}
          onClick={() => fileInput.current?.click()}
          disabled={saving}
        >
          {s.drop.choose}
        </Button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept={ACCEPT}
          className={styles.hidden}
          aria-label={s.drop.label}
          tabIndex={-1}
          data-testid="import-file-input"
          onChange={(event) => {
            addFiles(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
      </section>

      {docs.length > 0 && (
        <section aria-label={s.documents} className={styles.list}>
          <h2 className={styles.p}>{s.documents}</h2>
          {docs.map((doc) => (
            <DocumentCard
              key={doc.id}
              doc={doc}
              disabled={saving}
              onSelect={(value) => dispatch({ type: 'select', id: doc.id, selected: value })}
              onRemove={() => dispatch({ type: 'remove', id: doc.id })}
            />
          ))}
        </section>
      )}

      <div className={styles.row}>
        {/* Focusable while unavailable: the keyboard user who pressed it keeps their place (a
            disabled button would drop focus to the page) and hears the progress beside it. */}
        <Button
          appearance="primary"
          disabledFocusable={saving || comparing || selected.length === 0}
          onClick={onSave}
        >
          {saving ? s.saving : comparing ? s.comparing : s.save(selected.length)}
        </Button>
      </div>
      {progress && (
        <ProgressBar
          value={progress.total === 0 ? 0 : progress.done / progress.total}
          aria-label={s.progress(progress.done, progress.total)}
          aria-valuetext={s.progress(progress.done, progress.total)}
        />
      )}
      <div role="status" aria-live="polite">
        {progress ? s.progress(progress.done, progress.total) : summary}
      </div>
      {saveError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{saveError}</MessageBarBody>
        </MessageBar>
      )}

      <Dialog
        open={confirming !== null}
        onOpenChange={(_, data) => !data.open && setConfirming(null)}
      >
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{s.confirm.title}</DialogTitle>
            <DialogContent>
              {confirming && confirming.changed.length > 0 && (
                <p className={styles.p}>{s.confirm.body(confirming.changed.join(', '))}</p>
              )}
              {confirming && confirming.unknown.length > 0 && (
                <p className={styles.p}>{s.confirm.unknown(confirming.unknown.join(', '))}</p>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => void save()}>
                {s.confirm.overwrite}
              </Button>
              <Button onClick={() => setConfirming(null)}>{s.confirm.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
