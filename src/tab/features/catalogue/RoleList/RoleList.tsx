import { Checkbox, Link, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { StatusBadge } from '../../../components/StatusBadge';
import { useI18n } from '../../../i18n';
import type { CatalogueEntry } from '../../../shared/host-context';
import { snippetAround, type MatchReason, type SearchResult } from '../search-index';

const ESTIMATED_ROW_HEIGHT = 96;

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, position: 'relative', width: '100%' },
  item: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    boxSizing: 'border-box',
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
  },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    flexGrow: 1,
    flexBasis: '16rem',
    minWidth: 0,
  },
  title: { ...typographyStyles.subtitle2, textAlign: 'start', overflowWrap: 'anywhere' },
  meta: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  reason: { margin: 0, ...typographyStyles.caption1, overflowWrap: 'anywhere' },
  side: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
});

export interface RoleListProps {
  rows: CatalogueEntry[];
  /** The current search, for why each visible row matched; null without a search. */
  search: SearchResult | null;
  searchText: string;
  selected: string[];
  selectionFull: boolean;
  onToggle: (key: string, checked: boolean) => void;
  onOpen: (key: string) => void;
}

/**
 * The result list, virtualised against the window's scroll (Teams scrolls the tab's document):
 * only the rows on screen and a few around them are in the DOM, so 2,000 roles scroll and filter
 * smoothly. Every rendered item carries its position in the whole list (`aria-posinset` of
 * `aria-setsize`), so a screen reader still says "3 van 2000".
 */
export function RoleList(props: RoleListProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  // Where the list starts in the document; the controls above it can wrap and change height.
  // Measured on mount and then only when something resized (after layout, so a keystroke never
  // pays for a forced layout here).
  useLayoutEffect(() => {
    const list = listRef.current;
    const measure = () => {
      const top = (list?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setScrollMargin((previous) => (Math.abs(previous - top) < 1 ? previous : top));
    };
    measure();
    window.addEventListener('resize', measure);
    const parent = list?.parentElement;
    const observer =
      parent && typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : null;
    if (parent) observer?.observe(parent);
    return () => {
      window.removeEventListener('resize', measure);
      observer?.disconnect();
    };
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: props.rows.length,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 6,
    scrollMargin,
    getItemKey: (index) => props.rows[index]?.key ?? index,
    // Without layout (jsdom, or a hidden tab) an element measures 0; keep the estimate then.
    measureElement: (element) => element.getBoundingClientRect().height || ESTIMATED_ROW_HEIGHT,
  });

  return (
    <ul
      ref={listRef}
      aria-label={t.catalogue.listLabel}
      className={styles.list}
      style={{ height: `${virtualizer.getTotalSize()}px` }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const entry = props.rows[item.index];
        if (!entry) return null;
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            aria-setsize={props.rows.length}
            aria-posinset={item.index + 1}
            className={styles.item}
            style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
          >
            <RoleRow
              entry={entry}
              reason={props.search?.reason(entry.key) ?? null}
              searchText={props.searchText}
              checked={props.selected.includes(entry.key)}
              disabled={props.selectionFull && !props.selected.includes(entry.key)}
              onToggle={props.onToggle}
              onOpen={props.onOpen}
            />
          </li>
        );
      })}
    </ul>
  );
}

interface RoleRowProps {
  entry: CatalogueEntry;
  reason: MatchReason | null;
  searchText: string;
  checked: boolean;
  disabled: boolean;
  onToggle: (key: string, checked: boolean) => void;
  onOpen: (key: string) => void;
}

const RoleRow = memo(function RoleRow(props: RoleRowProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const { entry, reason } = props;
  const meta = [
    entry.department && `${t.catalogue.meta.department}: ${entry.department}`,
    entry.service && `${t.catalogue.meta.service}: ${entry.service}`,
    entry.careerPath && `${t.catalogue.meta.careerPath}: ${entry.careerPath}`,
  ].filter(Boolean);
  return (
    <div className={styles.row}>
      <div className={styles.main}>
        <Link className={styles.title} onClick={() => props.onOpen(entry.key)}>
          {entry.title}
        </Link>
        <p className={styles.meta}>{[t.kind[entry.kind], ...meta].join(' · ')}</p>
        {reason && (
          <p className={styles.reason}>
            {t.catalogue.matchLabel}: {reasonText(reason, props.searchText, t)}
          </p>
        )}
      </div>
      <div className={styles.side}>
        <StatusBadge status={entry.status} />
        <Checkbox
          label={t.catalogue.compareToggle}
          aria-label={t.catalogue.select(entry.title)}
          checked={props.checked}
          disabled={props.disabled}
          onChange={(_, data) => props.onToggle(entry.key, data.checked === true)}
        />
      </div>
    </div>
  );
});

function reasonText(
  reason: MatchReason,
  searchText: string,
  t: ReturnType<typeof useI18n>['t'],
): string {
  switch (reason.field) {
    case 'title':
      return t.catalogue.match.title;
    case 'competency':
      return t.catalogue.match.competency(reason.text);
    case 'task':
      return t.catalogue.match.task(snippetAround(reason.text, searchText));
  }
}
