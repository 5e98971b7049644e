/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CatalogueEntry, TabRepositories } from '../../../src/tab/shared/host-context';
import { ChannelTabConfig, configuredTab } from '../../../src/tab/host/ChannelTabConfig';
import { parseSubPageId } from '../../../src/teams/deep-link';
import type {
  ChannelTabConfig as SavedConfig,
  ChannelTabSettings,
} from '../../../src/teams/teams-client';

/** The channel tab's configuration page, with Teams' side (validity, save) recorded. */

function entry(key: string, title: string): CatalogueEntry {
  return {
    key,
    kind: 'functiebeschrijving',
    title,
    department: null,
    service: null,
    grade: null,
    careerPath: null,
    status: { kind: 'draft' } as CatalogueEntry['status'],
    tasks: [],
    competencies: [],
    levelScale: { lowest: 0, highest: 3, titles: [] },
  };
}

function recordingSettings(saved: SavedConfig | null = null) {
  const validity: boolean[] = [];
  let save: (() => Promise<SavedConfig> | SavedConfig) | null = null;
  const settings: ChannelTabSettings = {
    current: () => Promise.resolve(saved),
    setValid: (valid) => validity.push(valid),
    onSave: (handler) => {
      save = handler;
    },
  };
  return { settings, validity, save: () => save!() };
}

function repositories(list: () => Promise<CatalogueEntry[]>): TabRepositories {
  return {
    listCatalogue: list,
    getRole: () => Promise.reject(new Error('niet nodig')),
    listCompetencies: () => Promise.resolve([]),
  };
}

describe('ChannelTabConfig', () => {
  it('saves a tab that opens on the chosen role, and is valid only with a name', async () => {
    const user = userEvent.setup();
    const teams = recordingSettings();
    const onReady = jest.fn();
    render(
      <ChannelTabConfig
        settings={teams.settings}
        repositories={repositories(async () => [
          entry('leidinggevende', 'Leidinggevende'),
          entry('deskundige-ict', 'Deskundige ICT'),
        ])}
        theme="default"
        locale="nl-BE"
        origin="http://127.0.0.1:53000"
        onReady={onReady}
      />,
    );
    expect(
      screen.getByRole('heading', { name: 'Functiewijzer aan dit kanaal toevoegen' }),
    ).toBeInTheDocument();
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(teams.validity.at(-1)).toBe(true);

    const start = screen.getByRole('combobox', { name: 'Openen op' });
    await waitFor(() =>
      expect(screen.getByRole('option', { name: 'Deskundige ICT' })).toBeInTheDocument(),
    );
    // Sorted by title for people, whatever order the list came in.
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'De catalogus van alle functies',
      'Deskundige ICT',
      'Leidinggevende',
    ]);
    await user.selectOptions(start, 'deskundige-ict');

    const name = screen.getByRole('textbox', { name: /Naam van het tabblad/ });
    await user.clear(name);
    expect(teams.validity.at(-1)).toBe(false);
    expect(screen.getByText('Geef het tabblad een naam.')).toBeInTheDocument();
    await user.type(name, 'ICT-functies');
    expect(teams.validity.at(-1)).toBe(true);

    const saved = await teams.save();
    expect(saved.suggestedDisplayName).toBe('ICT-functies');
    expect(saved.entityId).toBe('functiewijzer-deskundige-ict');
    const url = new URL(saved.contentUrl);
    expect(url.origin).toBe('http://127.0.0.1:53000');
    expect(parseSubPageId(url.searchParams.get('subPageId'))).toEqual({
      kind: 'role',
      key: 'deskundige-ict',
    });
  });

  it('still offers the catalogue when the roles cannot be loaded, in English for an English locale', async () => {
    const teams = recordingSettings();
    render(
      <ChannelTabConfig
        settings={teams.settings}
        repositories={repositories(() => Promise.reject(new Error('403')))}
        theme="dark"
        locale="en-us"
        origin="http://127.0.0.1:53000"
        onReady={() => undefined}
      />,
    );
    expect(await screen.findByText(/roles could not be loaded/)).toBeInTheDocument();
    const saved = await teams.save();
    expect(saved.entityId).toBe('functiewijzer-catalogus');
    expect(new URL(saved.contentUrl).search).toBe('');
  });
});

describe('ChannelTabConfig reopened', () => {
  it('starts from the configuration Teams holds and keeps the tab’s entity id', async () => {
    const user = userEvent.setup();
    const teams = recordingSettings({
      entityId: 'functiewijzer-deskundige-ict',
      contentUrl: 'http://127.0.0.1:53000/?subPageId=role%2Fdeskundige-ict',
      suggestedDisplayName: 'ICT-functies',
    });
    render(
      <ChannelTabConfig
        settings={teams.settings}
        repositories={repositories(async () => [
          entry('leidinggevende', 'Leidinggevende'),
          entry('deskundige-ict', 'Deskundige ICT'),
        ])}
        theme="default"
        locale="nl-BE"
        origin="http://127.0.0.1:53000"
        onReady={() => undefined}
      />,
    );
    const name = screen.getByRole('textbox', { name: /Naam van het tabblad/ });
    await waitFor(() => expect(name).toHaveValue('ICT-functies'));
    const start = screen.getByRole('combobox', { name: 'Openen op' });
    await waitFor(() => expect(start).toHaveValue('deskundige-ict'));

    // Another start view: the same tab, so the same entity id (links to it keep working).
    await user.selectOptions(start, 'leidinggevende');
    const saved = await teams.save();
    expect(saved.entityId).toBe('functiewijzer-deskundige-ict');
    expect(parseSubPageId(new URL(saved.contentUrl).searchParams.get('subPageId'))).toEqual({
      kind: 'role',
      key: 'leidinggevende',
    });
  });
});

describe('configuredTab', () => {
  it('trims the name and always points at the same origin', () => {
    expect(configuredTab('http://127.0.0.1:53000', '  Functies ', '')).toEqual({
      entityId: 'functiewijzer-catalogus',
      contentUrl: 'http://127.0.0.1:53000/',
      suggestedDisplayName: 'Functies',
    });
  });
});
