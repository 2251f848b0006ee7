/**
 * Files holding codes, tokens or sessions stay private to the user on Linux, macOS and Windows
 * (lib/private-file.ts): by mode 0600 on POSIX, by the user profile's ACL on Windows, with a
 * warning for a Windows path outside the profile.
 */
import { test, expect } from '../../fixtures/index.js';
import { describePrivacy, privacyOf } from '../../lib/platform/private-file.js';

test.describe('private files', () => {
  test('linux and darwin: mode 0600 wherever the file goes', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      for (const path of ['codes.txt', '/tmp/codes.txt', '/srv/shared/codes.txt']) {
        const privacy = privacyOf(path, { platform, home: '/home/u', cwd: '/work' });
        expect(privacy).toEqual({ kind: 'mode-0600' });
        expect(describePrivacy(privacy)).toBe('mode 0600');
      }
    }
  });

  test('win32: inside the user profile (relative paths resolved from the working directory) is private by its ACL', () => {
    const machine = { platform: 'win32' as const, home: 'C:\\Users\\u', cwd: 'C:\\Users\\u\\project' };
    expect(privacyOf('codes.txt', machine)).toEqual({ kind: 'profile-acl', profile: 'C:\\Users\\u' });
    expect(privacyOf('C:\\Users\\u\\AppData\\Local\\Temp\\codes.txt', machine).kind).toBe('profile-acl');
    expect(privacyOf('c:\\users\\u\\Desktop\\codes.txt', machine).kind).toBe('profile-acl');
  });

  test('win32: outside the profile (a shared folder, another user, another drive) gets a warning naming the profile', () => {
    const machine = { platform: 'win32' as const, home: 'C:\\Users\\u', cwd: 'D:\\builds' };
    for (const path of ['codes.txt', 'C:\\ProgramData\\codes.txt', 'C:\\Users\\other\\codes.txt', 'C:\\Users\\u-old\\codes.txt']) {
      const privacy = privacyOf(path, machine);
      expect(privacy.kind, path).toBe('warning');
      expect(describePrivacy(privacy)).toContain('outside your user profile (C:\\Users\\u)');
    }
  });
});
