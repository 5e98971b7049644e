import {
  Field,
  FluentProvider,
  Input,
  Select,
  Text,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatSubPageId, parseSubPageId } from '../../teams/deep-link';
import type { ChannelTabConfig as SavedConfig, ChannelTabSettings } from '../../teams/teams-client';
import type { CatalogueEntry, TabRepositories, TabTheme } from '../shared/host-context';
import { uiLocale } from '../i18n';
import { SUB_PAGE_PARAM } from './plain-browser';

/**
 * The configuration page of the channel tab (manifest `configurableTabs`, frame context
 * `settings`): the team owner names the tab and chooses where it opens — the catalogue, or one
 * role (a team's own role, say). Teams' own "Opslaan" button saves; this page only tells Teams
 * whether the form is valid and, on save, what to store.
 */

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const STRINGS = {
  nl: {
    lang: 'nl-BE',
    title: 'Functiewijzer aan dit kanaal toevoegen',
    intro:
      'Het tabblad toont de functiebeschrijvingen van de stad. Kies een naam en waar het tabblad opent; daarna klikt u op Opslaan.',
    name: 'Naam van het tabblad',
    nameRequired: 'Geef het tabblad een naam.',
    start: 'Openen op',
    catalogue: 'De catalogus van alle functies',
    loading: 'Functies laden…',
    loadFailed:
      'De functies konden niet geladen worden; het tabblad kan wel op de catalogus openen.',
    defaultName: 'Functies',
  },
  en: {
    lang: 'en',
    title: 'Add Functiewijzer to this channel',
    intro:
      "The tab shows the city's function descriptions. Choose a name and where the tab opens, then select Save.",
    name: 'Tab name',
    nameRequired: 'Give the tab a name.',
    start: 'Open on',
    catalogue: 'The catalogue of all roles',
    loading: 'Loading roles…',
    loadFailed: 'The roles could not be loaded; the tab can still open on the catalogue.',
    defaultName: 'Functies',
  },
} as const;

const useStyles = makeStyles({
  provider: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  main: {
    boxSizing: 'border-box',
    maxWidth: '40rem',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  title: { ...typographyStyles.title3, margin: 0 },
});

export interface ChannelTabConfigProps {
  settings: ChannelTabSettings;
  repositories: TabRepositories;
  theme: TabTheme;
  locale: string;
  /** The page's own origin: the configured tab is always this same app. */
  origin: string;
  onReady(): void;
}

type RolesState =
  { state: 'loading' } | { state: 'loaded'; roles: CatalogueEntry[] } | { state: 'failed' };

/**
 * What Teams stores for the tab. `entityId` is the tab's identity — deep links (the approval
 * card's) name it with its channel — so a tab that already has one keeps it whatever is chosen
 * now; only a new tab gets one, from its first choice.
 */
export function configuredTab(
  origin: string,
  name: string,
  roleKey: string,
  entityId: string | null = null,
): SavedConfig {
  const url = new URL('/', origin);
  if (roleKey)
    url.searchParams.set(SUB_PAGE_PARAM, formatSubPageId({ kind: 'role', key: roleKey }));
  return {
    entityId: entityId ?? (roleKey ? `functiewijzer-${roleKey}` : 'functiewijzer-catalogus'),
    contentUrl: url.toString(),
    suggestedDisplayName: name.trim(),
  };
}

export function ChannelTabConfig(props: ChannelTabConfigProps) {
  const { settings, repositories, onReady } = props;
  const styles = useStyles();
  const t = STRINGS[uiLocale(props.locale)];
  const [name, setName] = useState<string>(t.defaultName);
  const [roleKey, setRoleKey] = useState('');
  const [roles, setRoles] = useState<RolesState>({ state: 'loading' });
  // Reopened (Settings of an existing tab): start from what Teams holds, and keep its entity id.
  const [entityId, setEntityId] = useState<string | null>(null);
  const current = useRef({ name, roleKey, entityId });
  current.current = { name, roleKey, entityId };

  useEffect(() => {
    let active = true;
    settings.current().then(
      (saved) => {
        if (!active || !saved) return;
        setEntityId(saved.entityId);
        if (saved.suggestedDisplayName.trim() !== '') setName(saved.suggestedDisplayName);
        const target = parseSubPageId(new URL(saved.contentUrl).searchParams.get(SUB_PAGE_PARAM));
        setRoleKey(target?.kind === 'role' ? target.key : '');
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [settings]);

  useEffect(() => {
    const controller = new AbortController();
    repositories.listCatalogue(controller.signal).then(
      (entries) => {
        const sorted = [...entries].sort((a, b) => a.title.localeCompare(b.title, 'nl'));
        setRoles({ state: 'loaded', roles: sorted });
      },
      () => {
        if (!controller.signal.aborted) setRoles({ state: 'failed' });
      },
    );
    return () => controller.abort();
  }, [repositories]);

  useEffect(() => {
    settings.onSave(() =>
      configuredTab(
        props.origin,
        current.current.name,
        current.current.roleKey,
        current.current.entityId,
      ),
    );
    onReady();
  }, [settings, props.origin, onReady]);

  const valid = name.trim() !== '';
  useEffect(() => {
    settings.setValid(valid);
  }, [settings, valid]);

  const options = useMemo(() => (roles.state === 'loaded' ? roles.roles : []), [roles]);

  return (
    <FluentProvider
      theme={THEMES[props.theme]}
      lang={t.lang}
      className={styles.provider}
      data-theme={props.theme}
    >
      <main className={styles.main}>
        <h1 className={styles.title}>{t.title}</h1>
        <Text>{t.intro}</Text>
        <Field
          label={t.name}
          required
          validationState={valid ? 'none' : 'error'}
          validationMessage={valid ? undefined : t.nameRequired}
        >
          <Input value={name} onChange={(_event, data) => setName(data.value)} maxLength={64} />
        </Field>
        <Field
          label={t.start}
          hint={roles.state === 'loading' ? t.loading : undefined}
          validationState={roles.state === 'failed' ? 'warning' : 'none'}
          validationMessage={roles.state === 'failed' ? t.loadFailed : undefined}
        >
          <Select value={roleKey} onChange={(_event, data) => setRoleKey(data.value)}>
            <option value="">{t.catalogue}</option>
            {options.map((role) => (
              <option key={role.key} value={role.key}>
                {role.title}
              </option>
            ))}
          </Select>
        </Field>
      </main>
    </FluentProvider>
  );
}
