/**
 * The per-user state folder the health check keeps its state and evidence in by default, on each
 * platform; never the current folder.
 */
import { test, expect } from '../../fixtures/index.js';
import { loadConfig } from '../../lib/config/config.js';
import { userStateDir } from '../../lib/config/state-dir.js';

test.describe('per-user state folder', () => {
  test('Linux and other Unixes: $XDG_STATE_HOME, else ~/.local/state; a relative $XDG_STATE_HOME is ignored', () => {
    expect(userStateDir({ XDG_STATE_HOME: '/xdg/state' }, 'linux', '/home/u')).toBe('/xdg/state/rayteams-login');
    expect(userStateDir({}, 'linux', '/home/u')).toBe('/home/u/.local/state/rayteams-login');
    expect(userStateDir({ XDG_STATE_HOME: 'relative' }, 'freebsd', '/home/u')).toBe('/home/u/.local/state/rayteams-login');
  });

  test('macOS: ~/Library/Application Support; Windows: %LOCALAPPDATA%', () => {
    expect(userStateDir({ XDG_STATE_HOME: '/ignored' }, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/rayteams-login');
    expect(userStateDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Local\\rayteams-login');
    expect(userStateDir({}, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Local\\rayteams-login');
  });

  test('the health check\'s state file and evidence default to it, unless HEALTH_STATE_FILE says otherwise', { tag: '@linux-only' }, () => {
    // The folder follows this machine's platform (XDG_STATE_HOME counts on Linux only): hence @linux-only.
    const health = loadConfig({ env: { XDG_STATE_HOME: '/xdg/state' }, envFile: '/dev/null' }).health;
    const base = userStateDir({ XDG_STATE_HOME: '/xdg/state' });
    expect(health.stateFile).toBe(`${base}/health-state.json`);
    expect(health.artifactsDir).toBe(`${base}/health-artifacts`);
    expect(loadConfig({ env: { XDG_STATE_HOME: '/xdg/state', HEALTH_STATE_FILE: 'here.json' }, envFile: '/dev/null' }).health.stateFile).toBe('here.json');
  });
});
