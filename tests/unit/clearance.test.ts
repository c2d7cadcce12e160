import { highestRole } from '../../src/auth/identity';
import { ConfigError, loadConfig } from '../../src/config';
import { levelsUpTo, stricterOf, visibleIds, type VisibilityParams } from '../../src/db';
import { Tlp } from '../../src/model/vocabulary';

const SHA = 'a'.repeat(64);

describe('clearance settings', () => {
  it('defaults: anonymous CLEAR, reader GREEN, editor AMBER, admin RED; tokens live at most 24 h', () => {
    const { auth } = loadConfig({});
    expect(auth.clearance).toEqual({
      anonymous: Tlp.CLEAR,
      byRole: { reader: Tlp.GREEN, editor: Tlp.AMBER, admin: Tlp.RED },
    });
    expect(auth.maxTokenLifetimeSeconds).toBe(86_400);
    expect(auth.clearanceClaim).toBe('tlp');
  });

  it('reads each variable in any usual spelling', () => {
    const { auth } = loadConfig({ CLEARANCE_READER: 'tlp:amber+strict', CLEARANCE_ANONYMOUS: 'green' });
    expect(auth.clearance.byRole.reader).toBe(Tlp.AMBER_STRICT);
    expect(auth.clearance.anonymous).toBe(Tlp.GREEN);
  });

  it('takes a per-key clearance as the fourth field of API_KEYS', () => {
    const { auth } = loadConfig({ API_KEYS: `a:reader:${SHA}:RED,b:admin:${SHA}:AMBER+STRICT,c:editor:${SHA}` });
    expect(auth.apiKeys.map((key) => key.clearance)).toEqual([Tlp.RED, Tlp.AMBER_STRICT, undefined]);
  });

  it.each([
    ['CLEARANCE_READER', 'PURPLE', /CLEARANCE_READER is invalid: expected a TLP level/],
    ['API_KEYS', `a:reader:${SHA}:PURPLE`, /API_KEYS is invalid: "a" must be name:role:sha256hex\[:TLP\]/],
    ['API_KEYS', `a:reader:${SHA}:RED:extra`, /API_KEYS is invalid/],
    ['JWT_MAX_LIFETIME_SECONDS', '10', /JWT_MAX_LIFETIME_SECONDS is invalid/],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});

describe('roles claim, read strictly', () => {
  it.each([
    [['reader', 'admin'], 'admin'],
    ['editor', 'editor'],
    ['reader,admin', null],
    ['reader admin', null],
    [' admin', null],
    [{ admin: true }, null],
    [['owner'], null],
    [42, null],
  ])('%j -> %s', (claim, role) => {
    expect(highestRole(claim)).toBe(role);
  });
});

describe('the visibility rule in TypeScript', () => {
  const params: VisibilityParams = { visibleTlp: levelsUpTo(Tlp.GREEN), hiddenSourceIds: ['red-1', 'amber-1'] };

  it('orders and lowers levels, never raises them', () => {
    expect(levelsUpTo(Tlp.GREEN)).toEqual([Tlp.CLEAR, Tlp.GREEN]);
    expect(levelsUpTo(Tlp.RED)).toHaveLength(5);
    expect(stricterOf(Tlp.GREEN, Tlp.RED)).toBe(Tlp.GREEN);
    expect(stricterOf(Tlp.RED, Tlp.AMBER)).toBe(Tlp.AMBER);
  });

  it('drops hidden sources from a visible item', () => {
    expect(visibleIds(['red-1', 'clear-1', 'amber-1'], params)).toEqual(['clear-1']);
    expect(visibleIds(undefined, params)).toEqual([]);
  });
});
