import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  typographyStyles,
  type Theme,
} from '@fluentui/react-components';
import {
  ArrowLeftRegular,
  ArrowUploadRegular,
  DismissRegular,
  HomeRegular,
} from '@fluentui/react-icons';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { NavigationContext, type Navigation } from '../components/navigation';
import { OfflineNotice } from '../components/OfflineNotice';
import { LoadingState } from '../components/QueryStates';
import { ReadyContext } from '../components/ready';
import { defaultCacheStorage } from '../data/cache-storage';
import { DataProvider } from '../data/DataProvider';
import { ApprovalPage } from '../features/approval/ApprovalPage/ApprovalPage';
import { ApprovalQueue } from '../features/approval/ApprovalQueue/ApprovalQueue';
import { RoleApproval } from '../features/approval/RoleApproval/RoleApproval';
import { Catalogue } from '../features/catalogue/Catalogue/Catalogue';
import type { CatalogueState } from '../features/catalogue/Catalogue/Catalogue.types';
import { INITIAL_CATALOGUE_STATE } from '../features/catalogue/Catalogue/useCatalogue';
import { I18nProvider, STRINGS, uiLocale, useI18n } from '../i18n';
import type { TabHost, TabTheme } from '../shared/host-context';
import { viewLoaders } from './lazy-views';
import {
  CATALOGUE,
  resolveSubPageId,
  sameRoute,
  subPageIdOf,
  type Route,
  type RouteNotice,
} from '../shared/routes';

const THEMES: Record<TabTheme, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

const RolePage = lazy(() => viewLoaders.role().then((m) => ({ default: m.RolePage })));
const CompetencyPage = lazy(() =>
  viewLoaders.competency().then((m) => ({ default: m.CompetencyPage })),
);
const ComparePage = lazy(() => viewLoaders.compare().then((m) => ({ default: m.ComparePage })));
const ImportPage = lazy(() => viewLoaders.importer().then((m) => ({ default: m.ImportPage })));

const useStyles = makeStyles({
  provider: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    '@media print': { backgroundColor: 'transparent', minHeight: 'auto' },
  },
  shell: {
    boxSizing: 'border-box',
    maxWidth: '72rem',
    marginInline: 'auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    overflowWrap: 'anywhere',
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    '@media print': { display: 'none' },
  },
  appName: { ...typographyStyles.subtitle1, margin: 0 },
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  notices: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    '@media print': { display: 'none' },
  },
});

export interface AppProps {
  host: TabHost;
}

/** The tab: theme, language and data for one user, and the view the route asks for. */
export function App({ host }: AppProps) {
  const styles = useStyles();
  const locale = uiLocale(host.locale);
  // Chosen once: the store must stay the same object for the persisted cache's lifetime.
  const [storage] = useState(() =>
    host.cacheStorage === undefined ? defaultCacheStorage() : host.cacheStorage,
  );
  return (
    <FluentProvider
      theme={THEMES[host.theme]}
      lang={STRINGS[locale].lang}
      className={styles.provider}
      data-theme={host.theme}
    >
      <I18nProvider locale={locale}>
        {/* A new user gets a fresh cache: another person's data is never shown. */}
        <DataProvider
          key={host.user.upn.toLowerCase()}
          repositories={host.repositories}
          storage={storage}
          userId={host.user.upn}
        >
          <Shell host={host} />
        </DataProvider>
      </I18nProvider>
    </FluentProvider>
  );
}

interface History {
  stack: Route[];
  notice: RouteNotice | null;
  moved: boolean;
}

function initialHistory(subPageId: string | null, canImport: boolean): History {
  const { route, notice } = resolveSubPageId(subPageId, { canImport });
  return { stack: [route], notice, moved: false };
}

function Shell({ host }: { host: TabHost }) {
  const styles = useStyles();
  const { t } = useI18n();
  // The import page is HR's (canSubmit is HR's alone): nobody else sees its entry or reaches it.
  const canImport = host.permissions.canSubmit;
  const [history, setHistory] = useState(() => initialHistory(host.subPageId, canImport));
  const [catalogueState, setCatalogueState] = useState<CatalogueState>(INITIAL_CATALOGUE_STATE);
  const route = history.stack[history.stack.length - 1] ?? CATALOGUE;

  // A deep link followed while the tab is open (Teams passes a new sub-page id).
  const lastSubPageId = useRef(host.subPageId);
  useEffect(() => {
    if (host.subPageId === lastSubPageId.current) return;
    lastSubPageId.current = host.subPageId;
    const next = resolveSubPageId(host.subPageId, { canImport });
    setHistory((previous) => ({
      stack: [...previous.stack, next.route],
      notice: next.notice,
      moved: true,
    }));
  }, [host.subPageId, canImport]);

  const onNavigate = host.onNavigate;
  const navigation = useMemo<Navigation>(() => {
    const go = (next: Route, replace: boolean) => {
      setHistory((previous) => {
        const current = previous.stack[previous.stack.length - 1];
        if (current && sameRoute(current, next)) return previous;
        const base = replace ? previous.stack.slice(0, -1) : previous.stack;
        return { stack: [...base, next], notice: null, moved: true };
      });
      onNavigate?.(subPageIdOf(next));
    };
    return {
      route,
      moved: history.moved,
      canGoBack: history.stack.length > 1,
      navigate: (next) => go(next, false),
      replace: (next) => go(next, true),
      back: () => {
        const previous = history.stack[history.stack.length - 2] ?? CATALOGUE;
        setHistory((h) => ({
          stack: h.stack.length > 1 ? h.stack.slice(0, -1) : [CATALOGUE],
          notice: null,
          moved: true,
        }));
        onNavigate?.(subPageIdOf(previous));
      },
    };
  }, [route, history, onNavigate]);

  const readyReported = useRef(false);
  const onReady = host.onReady;
  const reportReady = useCallback(() => {
    if (readyReported.current) return;
    readyReported.current = true;
    onReady?.();
  }, [onReady]);

  const dismissNotice = () => setHistory((h) => ({ ...h, notice: null }));
  const onCatalogue = route.name === 'catalogue';
  const onImport = route.name === 'import';

  return (
    <NavigationContext.Provider value={navigation}>
      <ReadyContext.Provider value={reportReady}>
        <div className={styles.shell}>
          <header className={styles.header}>
            <p className={styles.appName}>{t.appName}</p>
            <nav aria-label={t.nav.label} className={styles.nav}>
              {!onCatalogue && navigation.canGoBack && (
                <Button icon={<ArrowLeftRegular />} onClick={navigation.back}>
                  {t.nav.back}
                </Button>
              )}
              <Button
                appearance={onCatalogue ? 'primary' : 'secondary'}
                icon={<HomeRegular />}
                aria-current={onCatalogue ? 'page' : undefined}
                onClick={() => navigation.navigate(CATALOGUE)}
              >
                {t.nav.catalogue}
              </Button>
              {canImport && (
                <Button
                  appearance={onImport ? 'primary' : 'secondary'}
                  icon={<ArrowUploadRegular />}
                  aria-current={onImport ? 'page' : undefined}
                  onClick={() => navigation.navigate({ name: 'import' })}
                >
                  {t.importPage.nav}
                </Button>
              )}
            </nav>
          </header>
          <main className={styles.main}>
            <div className={styles.notices}>
              <OfflineNotice />
              {history.notice && (
                <MessageBar intent="info" layout="multiline">
                  <MessageBarBody>
                    {history.notice === 'malformed-link'
                      ? t.notices.malformedLink
                      : history.notice === 'import-unavailable'
                        ? t.importPage.unavailable
                        : t.notices.approvalUnavailable}
                  </MessageBarBody>
                  <MessageBarActions
                    containerAction={
                      <Button
                        appearance="transparent"
                        icon={<DismissRegular />}
                        aria-label={t.notices.dismiss}
                        onClick={dismissNotice}
                      />
                    }
                  />
                </MessageBar>
              )}
            </div>
            <Suspense fallback={<LoadingState />}>
              <View
                route={route}
                host={host}
                catalogueState={catalogueState}
                onCatalogueState={setCatalogueState}
              />
            </Suspense>
          </main>
        </div>
      </ReadyContext.Provider>
    </NavigationContext.Provider>
  );
}

function View(props: {
  route: Route;
  host: TabHost;
  catalogueState: CatalogueState;
  onCatalogueState: (next: CatalogueState) => void;
}) {
  const { route, host } = props;
  switch (route.name) {
    case 'role':
      return (
        <>
          <RolePage
            key={route.key}
            roleKey={route.key}
            canOpenInSharePoint={host.permissions.canEdit}
            sharePointListUrl={host.sharePointListUrl}
          />
          <RoleApproval
            key={`approval-${route.key}`}
            roleKey={route.key}
            canSubmit={host.permissions.canSubmit}
            canApprove={host.permissions.canApprove}
          />
        </>
      );
    case 'competency':
      return <CompetencyPage key={route.key} competencyKey={route.key} />;
    case 'compare':
      return <ComparePage keys={route.keys} />;
    case 'approval':
      return (
        <ApprovalPage
          key={route.requestId}
          requestId={route.requestId}
          canApprove={host.permissions.canApprove}
        />
      );
    case 'import':
      // Not HR (a route kept across a persona switch): the catalogue, as for a deep link.
      if (!host.permissions.canSubmit) {
        return <Catalogue state={props.catalogueState} onStateChange={props.onCatalogueState} />;
      }
      return <ImportPage />;
    case 'catalogue':
      return (
        <>
          <ApprovalQueue enabled={host.permissions.canApprove} />
          <Catalogue state={props.catalogueState} onStateChange={props.onCatalogueState} />
        </>
      );
  }
}
