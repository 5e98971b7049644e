import { competencyKey, nfc, taskKey } from '../../src/domain/text';

describe('text normalisation', () => {
  it('composes accents (NFC)', () => {
    expect(nfc('coördinatie'.normalize('NFD'))).toBe('coördinatie');
  });

  it('matches competency names case-insensitively, trimmed, with white space collapsed', () => {
    // The slug stored as CompetentieKey and used in the deep link competency/<key>.
    expect(competencyKey('  Kennis van de wetgeving\nm.b.t. de gemeente ')).toBe(
      'kennis-van-de-wetgeving-m-b-t-de-gemeente',
    );
    expect(competencyKey('Klantgerichtheid')).toBe(competencyKey('KLANTGERICHTHEID'));
    expect(competencyKey('Samenwerken')).not.toBe(competencyKey('Samenwerking'));
  });

  it('matches tasks across documents despite quotes, dashes and a closing full stop', () => {
    expect(taskKey('Onderhandelt SLA’s met leveranciers – kritisch.')).toBe(
      taskKey("onderhandelt SLA's met leveranciers - kritisch"),
    );
    expect(taskKey('Volgt “incidenten” op;')).toBe(taskKey('Volgt "incidenten" op'));
    expect(taskKey('Beheert servers.')).not.toBe(taskKey('Beheert de servers.'));
  });
});
