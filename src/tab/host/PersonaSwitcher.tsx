import {
  FluentProvider,
  Select,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  useId,
} from '@fluentui/react-components';
import { PERSONA_ROLE_LABELS, type Persona } from '../../auth/local-personas';
import type { TabTheme } from '../shared/host-context';

/**
 * Local mode in a plain browser only: who the tab acts as. Inside the (local) Teams host the
 * host's own "Gebruiker" list decides, as Teams decides who is signed in.
 */

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
  },
  label: { fontWeight: tokens.fontWeightSemibold },
  select: { minWidth: '14rem', maxWidth: '100%' },
});

export interface PersonaSwitcherProps {
  personas: Persona[];
  currentUpn: string;
  theme: TabTheme;
  onChange(upn: string): void;
}

export function PersonaSwitcher({ personas, currentUpn, theme, onChange }: PersonaSwitcherProps) {
  const styles = useStyles();
  const selectId = useId('persona');
  return (
    <FluentProvider theme={THEMES[theme]}>
      <aside className={styles.bar} aria-label="Lokale modus">
        <span>Lokale modus</span>
        <label className={styles.label} htmlFor={selectId}>
          Gebruiker
        </label>
        <Select
          id={selectId}
          className={styles.select}
          size="small"
          value={currentUpn}
          onChange={(_event, data) => onChange(data.value)}
        >
          {personas.map((persona) => (
            <option key={persona.upn} value={persona.upn}>
              {`${persona.displayName} (${PERSONA_ROLE_LABELS[persona.role]})`}
            </option>
          ))}
        </Select>
      </aside>
    </FluentProvider>
  );
}
