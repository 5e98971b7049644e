/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen, within } from '@testing-library/react';
import { contentOf } from '../../src/domain/content-hash';
import { diffDescriptions } from '../../src/domain/diff';
import type { Locale } from '../../src/domain/dates';
import { ChangeList } from '../../src/tab/components/ChangeList';
import { I18nProvider } from '../../src/tab/i18n';
import { deskundigeIct } from './support/fixtures';

// What changed since the last approval, as the approval page and the role's history list it: the
// structured diff worded in the user's language, list content as written.
const before = contentOf(deskundigeIct);
const after = JSON.parse(JSON.stringify(before)) as typeof before;
after.purpose = 'Je beheert de ICT-infrastructuur.';
after.resultAreas[0]!.tasks.push('Volgt de wetgeving op.');
after.competencies[0]!.requiredLevel = 3;
const changes = diffDescriptions(before, after);

function lines(locale: Locale, label: string): (string | null)[] {
  render(
    <I18nProvider locale={locale}>
      <ChangeList changes={changes} />
    </I18nProvider>,
  );
  const list = screen.getByRole('list', { name: label });
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent);
}

describe('the change list', () => {
  test('is Dutch in a Dutch client', () => {
    expect(lines('nl', 'Wijzigingen')).toEqual([
      `Doel gewijzigd: ${before.purpose} → Je beheert de ICT-infrastructuur.`,
      'Taak toegevoegd aan Taakafspraak 1',
      'Tekstverwerking: niveau 2 → 3',
    ]);
  });

  test('is English in an English client; the values stay as written', () => {
    expect(lines('en', 'Changes')).toEqual([
      `Purpose changed: ${before.purpose} → Je beheert de ICT-infrastructuur.`,
      'Task added to Task agreement 1',
      'Tekstverwerking: level 2 → 3',
    ]);
  });

  test("says when nothing changed, in the user's language", () => {
    render(
      <I18nProvider locale="en">
        <ChangeList changes={[]} />
      </I18nProvider>,
    );
    expect(screen.getByText('No changes.')).toBeInTheDocument();
  });
});
