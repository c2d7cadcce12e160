import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('applies defaults for a bare environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.isProduction).toBe(false);
  });

  it('accepts bolt and neo4j routing URIs', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' }).neo4j.uri).toBe(
      'neo4j+s://abc.databases.neo4j.io',
    );
    expect(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:7687' }).neo4j.uri).toBe('bolt://127.0.0.1:7687');
  });

  it.each([
    ['NEO4J_URI', 'http://localhost:7474', /NEO4J_URI is invalid: scheme "http:"/],
    ['NEO4J_URI', 'not a uri', /NEO4J_URI is invalid: not a URI/],
    ['PORT', 'eighty', /PORT is invalid/],
    ['PORT', '70000', /PORT is invalid/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL is invalid/],
    ['NEO4J_HEAP', 'lots', /NEO4J_HEAP is invalid: expected a size/],
    ['NEO4J_TX_TIMEOUT_MS', '-5', /NEO4J_TX_TIMEOUT_MS is invalid/],
    ['WATCH_POLL_MS', 'often', /WATCH_POLL_MS is invalid/],
    ['IMPORT_WORKERS', '17', /IMPORT_WORKERS is invalid: expected a whole number from 0 to 16/],
    ['IMPORT_WORKERS', '1.5', /IMPORT_WORKERS is invalid/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('runs the watchlists watcher every 500 ms unless told, and none with WATCH_POLL_MS=0', () => {
    expect(loadConfig({}).watchlists.pollMs).toBe(500);
    expect(loadConfig({ WATCH_POLL_MS: '0' }).watchlists.pollMs).toBe(0);
  });

  it('validates JSON Lines imports in 2 worker threads unless told (one on a one-core machine), 0 for none', () => {
    expect(loadConfig({}).importWorkers).toBe(Math.min(2, availableParallelism()));
    expect(loadConfig({ IMPORT_WORKERS: '0' }).importWorkers).toBe(0);
    expect(loadConfig({ IMPORT_WORKERS: '4' }).importWorkers).toBe(4);
  });

  it('names every bad variable at once', () => {
    const attempt = () => loadConfig({ PORT: 'x', NEO4J_URI: 'ftp://x' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/NEO4J_URI is invalid.*PORT is invalid|PORT is invalid.*NEO4J_URI is invalid/);
  });
});
