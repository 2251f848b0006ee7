/**
 * How a file holding codes, tokens or a session (get-code --out, the health state, a saved storage
 * state) is kept private to the user on each platform. On Linux and macOS the harness writes it with
 * mode 0600 (lib/platform/atomic-file.ts). Windows has no POSIX modes: a new file inherits its folder's ACL,
 * and only the user's profile (%USERPROFILE%, which holds %LOCALAPPDATA% and os.tmpdir()) is the
 * user's alone by default, so a path outside it gets a warning instead.
 */
import { homedir } from 'node:os';
import { win32 } from 'node:path';

export interface PrivateFileMachine {
  platform: NodeJS.Platform;
  /** the user's home/profile directory */
  home: string;
  cwd: string;
}

export type Privacy = { kind: 'mode-0600' } | { kind: 'profile-acl'; profile: string } | { kind: 'warning'; message: string };

export const thisMachineForFiles = (): PrivateFileMachine => ({ platform: process.platform, home: homedir(), cwd: process.cwd() });

/** How `path` will be kept private, or a warning to print when it may not be. */
export function privacyOf(path: string, machine: PrivateFileMachine = thisMachineForFiles()): Privacy {
  if (machine.platform !== 'win32') return { kind: 'mode-0600' };
  const absolute = win32.resolve(machine.cwd, path);
  const profile = win32.resolve(machine.home);
  const inside = win32.relative(profile, absolute);
  if (inside !== '' && !inside.startsWith('..') && !win32.isAbsolute(inside)) return { kind: 'profile-acl', profile };
  return {
    kind: 'warning',
    message: `${absolute} is outside your user profile (${profile}); on Windows the file gets that folder's permissions, so others may be able to read it. Write it under ${profile} instead.`,
  };
}

/** For the line get-code prints after writing the file. */
export function describePrivacy(privacy: Privacy): string {
  switch (privacy.kind) {
    case 'mode-0600':
      return 'mode 0600';
    case 'profile-acl':
      return `inside your user profile (${privacy.profile})`;
    case 'warning':
      return privacy.message;
  }
}
