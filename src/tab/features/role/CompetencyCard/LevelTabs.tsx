import {
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { Level } from '../../../../domain/schema';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    '@media print': { display: 'none' },
  },
  tab: {
    ...typographyStyles.body1,
    cursor: 'pointer',
    color: tokens.colorNeutralForeground2,
    backgroundColor: 'transparent',
    ...shorthands.border(0),
    borderBottom: `${tokens.strokeWidthThick} solid transparent`,
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    ':hover': {
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorSubtleBackgroundHover,
    },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  // Selected is told by weight and an underline, not by colour alone.
  selected: {
    ...typographyStyles.body1Strong,
    color: tokens.colorNeutralForeground1,
    borderBottomColor: tokens.colorCompoundBrandStroke,
    '@media (forced-colors: active)': { borderBottomColor: 'Highlight' },
  },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export interface LevelTabsProps {
  label: string;
  levels: readonly Level[];
  selected: Level;
  onSelect: (level: Level) => void;
  tabLabel: (level: Level) => string;
  children: ReactNode;
}

/**
 * The WAI-ARIA tabs pattern with a roving tab stop: one Tab key stop for the whole list, arrows
 * (and Home/End) move and select. Hand-written rather than Fluent's TabList because that one
 * brings focus-trap sentinels (hidden focusable elements) that axe reports on every list, and a
 * role page has dozens of them. The panel itself is not a tab stop: with a tab list per
 * competency that would double the stops on a long page; its text is read in reading order.
 */
export function LevelTabs(props: LevelTabsProps) {
  const styles = useStyles();
  const base = useId();
  const refs = useRef(new Map<Level, HTMLButtonElement>());
  const tabId = (level: Level) => `${base}-tab-${level}`;
  const panelId = `${base}-panel`;

  const move = (event: KeyboardEvent<HTMLButtonElement>, from: number) => {
    const last = props.levels.length - 1;
    const to =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? from === last
          ? 0
          : from + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? from === 0
            ? last
            : from - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    const level = props.levels[to];
    if (level === undefined) return;
    props.onSelect(level);
    refs.current.get(level)?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label={props.label} className={styles.list}>
        {props.levels.map((level, index) => {
          const selected = level === props.selected;
          return (
            <button
              key={level}
              ref={(element) => {
                if (element) refs.current.set(level, element);
                else refs.current.delete(level);
              }}
              type="button"
              role="tab"
              id={tabId(level)}
              aria-selected={selected}
              aria-controls={panelId}
              tabIndex={selected ? 0 : -1}
              className={mergeClasses(styles.tab, selected && styles.selected)}
              onClick={() => props.onSelect(level)}
              onKeyDown={(event) => move(event, index)}
            >
              {props.tabLabel(level)}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={panelId}
        aria-labelledby={tabId(props.selected)}
        className={styles.panel}
      >
        {props.children}
      </div>
    </>
  );
}
