import { Link, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { competencyKey } from '../../../../domain/text';
import {
  defaultLevelScale,
  type Competency,
  type Level,
  type LevelScale as Scale,
} from '../../../../domain/schema';
import { Heading, type HeadingLevel } from '../../../components/Heading';
import { LevelScale, levelText } from '../../../components/LevelScale';
import { useNavigation } from '../../../components/navigation';
import { useI18n } from '../../../i18n';
import { LevelTabs } from './LevelTabs';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    breakInside: 'avoid',
    minWidth: 0,
  },
  text: { margin: 0 },
  required: {
    margin: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    ...typographyStyles.body1Strong,
  },
  levelTitle: { margin: 0, fontStyle: 'italic' },
  indicators: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  more: { alignSelf: 'flex-start', '@media print': { display: 'none' } },
});

export interface CompetencyCardProps {
  competency: Competency;
  headingLevel: HeadingLevel;
  /** The role's level scale; 0–3 when left out (a description of schema version 1). */
  scale?: Scale;
}

/**
 * One required competency: its definition, the required level in words ("Niveau 2") with a
 * named graphic, and that level's indicators; the other levels are one click (or one arrow key)
 * away in the tab list.
 */
export function CompetencyCard({ competency, headingLevel, scale }: CompetencyCardProps) {
  const styles = useStyles();
  const { t, locale } = useI18n();
  const { navigate } = useNavigation();
  const headingId = useId();
  const levels = competency.levels;
  const initial: Level | null = competency.requiredLevel ?? levels[0]?.level ?? null;
  const [shown, setShown] = useState<Level | null>(initial);
  const shownLevel = levels.find((l) => l.level === shown);

  const indicatorList = (indicators: readonly string[]) =>
    indicators.length > 0 ? (
      <ul className={styles.indicators}>
        {indicators.map((indicator, index) => (
          <li key={index}>{indicator}</li>
        ))}
      </ul>
    ) : (
      <p className={styles.text}>{t.role.noIndicators}</p>
    );

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <Heading level={headingLevel} id={headingId}>
        {competency.name}
      </Heading>
      {competency.definition && <p className={styles.text}>{competency.definition}</p>}
      {competency.requiredLevel !== null && (
        <p className={styles.required}>
          <span>
            {t.role.required}:{' '}
            {levelText(t, locale, scale ?? defaultLevelScale(), competency.requiredLevel)}
          </span>
          <LevelScale level={competency.requiredLevel} scale={scale} />
        </p>
      )}
      {competency.levelTitle && <p className={styles.levelTitle}>{competency.levelTitle}</p>}
      {levels.length > 0 && shown !== null ? (
        <LevelTabs
          label={t.role.levelsLabel(competency.name)}
          levels={levels.map((l) => l.level)}
          selected={shown}
          onSelect={setShown}
          tabLabel={(level) =>
            level === competency.requiredLevel ? t.role.requiredTab(level) : t.level.name(level)
          }
        >
          {indicatorList(shownLevel?.indicators ?? [])}
        </LevelTabs>
      ) : (
        indicatorList(competency.indicators)
      )}
      <Link
        className={styles.more}
        onClick={() => navigate({ name: 'competency', key: competencyKey(competency.name) })}
      >
        {t.role.moreAbout(competency.name)}
      </Link>
    </section>
  );
}
