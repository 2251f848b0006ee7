/**
 * Where the health check keeps what must outlive a run (each target's last status, the evidence of
 * failed attempts) when nothing says otherwise: the user's own state folder, never the current
 * folder (a check started from a project would leave files in it). The platforms' conventions:
 * Linux and other Unixes $XDG_STATE_HOME (default ~/.local/state), macOS ~/Library/Application
 * Support, Windows %LOCALAPPDATA%; each with a `rayteams-login` folder of its own.
 */
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const STATE_FOLDER_NAME = 'rayteams-login';

export function userStateDir(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env['LOCALAPPDATA']?.trim() || win32.join(home, 'AppData', 'Local'), STATE_FOLDER_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', STATE_FOLDER_NAME);
  // XDG: a relative $XDG_STATE_HOME is invalid and to be ignored.
  const xdg = env['XDG_STATE_HOME']?.trim();
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'state'), STATE_FOLDER_NAME);
}

/** HEALTH_STATE_FILE's default. */
export function defaultHealthStateFile(env: Readonly<Record<string, string | undefined>>): string {
  return join(userStateDir(env), 'health-state.json');
}

/** --artifacts-dir's default: screenshots and traces of failed attempts. */
export function defaultHealthArtifactsDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(userStateDir(env), 'health-artifacts');
}

function join(dir: string, name: string): string {
  return process.platform === 'win32' ? win32.join(dir, name) : posix.join(dir, name);
}
