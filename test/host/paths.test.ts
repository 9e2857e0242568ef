import { describe, expect, it } from 'vitest';
import { userDataDir } from '../../electron/host/paths';

describe('userDataDir (same folder as Electron userData for "Box Office")', () => {
  it('follows each platform', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/a')).toBe('/x/cfg/Box Office');
    expect(userDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/Box Office');
    expect(userDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Box Office');
    expect(userDataDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32', 'C:/Users/a').replace(/\\/g, '/')).toBe('C:/Users/a/AppData/Roaming/Box Office');
  });
});
