import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useCatalogueStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  controls: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  search: { maxWidth: '40rem', width: '100%' },
  searchInput: { width: '100%', maxWidth: 'none' },
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 11rem), 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  // A grid cell and a <select> both size to their longest option by default: at 360 px one long
  // competency name would push the page sideways.
  field: { minWidth: 0 },
  select: { minWidth: 0, maxWidth: '100%', width: '100%' },
  legend: { ...typographyStyles.subtitle2, padding: 0, marginBottom: tokens.spacingVerticalS },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  count: { ...typographyStyles.body1Strong, margin: 0 },
  // The row scan's live region: plain text under the filters, empty when there is nothing to say.
  statusCheck: { margin: 0, color: tokens.colorNeutralForeground2 },
  compareBar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  compareText: { margin: 0, flexGrow: 1, minWidth: '12rem' },
});
