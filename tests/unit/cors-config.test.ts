import { ConfigError, loadConfig } from '../../src/config';

describe('CORS_ORIGINS', () => {
  it('is any origin (without credentials) by default', () => {
    expect(loadConfig({}).cors).toEqual({ origins: '*' });
    expect(loadConfig({ CORS_ORIGINS: ' * ' }).cors).toEqual({ origins: '*' });
  });

  it('takes comma-separated exact origins', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'https://app.example.org, http://127.0.0.1:5173,https://app.example.org' }).cors,
    ).toEqual({ origins: ['https://app.example.org', 'http://127.0.0.1:5173'] });
  });

  it.each([
    ['https://app.example.org/', /not an origin/],
    ['https://app.example.org/path', /not an origin/],
    ['https://*.example.org', /not an origin/],
    ['app.example.org', /not an origin/],
    ['ftp://files.example.org', /not an origin/],
    ['https://app.example.org,*', /not an origin/],
    [' , ', /expected \*/],
  ])('refuses %p, naming CORS_ORIGINS', (value, reason) => {
    const attempt = () => loadConfig({ CORS_ORIGINS: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/CORS_ORIGINS is invalid/);
    expect(attempt).toThrow(reason);
  });
});
