/**
 * npm run setup, step 3 (after dependencies and build): makes sure a browser is usable and says which
 * one and why; on Debian/Ubuntu as root also installs Debian's prometheus and prometheus-pushgateway
 * (promtool and a real Pushgateway for the monitoring tests), skipped quietly elsewhere.
 *
 * Decisions, per platform:
 * - CHROMIUM_PATH set, or Playwright's own Chromium installed: use it.
 * - Linux with a system Chromium (Debian's headless shell first): use it, no download (as before;
 *   works offline and starts fast). Full Chromium alone, as root with apt: add the headless shell.
 * - Otherwise try Playwright's own download (`playwright install chromium`); on macOS and Windows
 *   that is the usual way, and a Chrome or Edge already installed is the fallback when it fails.
 * - Linux as root with apt, still nothing: apt-get install chromium-headless-shell chromium.
 * The machine and the commands are injected, so tests run every platform's decisions on any host.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { findChromium, thisMachine, type BrowserChoice, type Machine } from '../lib/journey/browser.js';
import { loadConfig } from '../lib/config/config.js';
import { isHarnessError } from '../lib/errors.js';

export interface SetupMachine extends Machine {
  isRoot: boolean;
  /** a command on PATH */
  hasCommand(name: string): boolean;
}

export interface SetupActions {
  /** `playwright install chromium`; true when it succeeded */
  installPlaywrightChromium(): boolean;
  /** `apt-get update` + `apt-get install -y <packages>`; true when it succeeded */
  aptInstall(packages: string[]): boolean;
  say(line: string): void;
}

/** Debian packages the monitoring tests need, by the command each provides. */
export const MONITORING_PACKAGES = { promtool: 'prometheus', 'prometheus-pushgateway': 'prometheus-pushgateway' } as const;

function tryFind(chromiumPath: string | undefined, machine: Machine): BrowserChoice | undefined {
  try {
    return findChromium({ chromiumPath, headless: true }, machine);
  } catch (error) {
    if (isHarnessError(error) && error.message.startsWith('CHROMIUM_PATH')) throw error;
    return undefined;
  }
}

/** Returns the browser the harness will use, or undefined (after saying what to do) when there is none. */
export function setUpBrowser(chromiumPath: string | undefined, machine: SetupMachine, actions: SetupActions): BrowserChoice | undefined {
  const use = (choice: BrowserChoice, extra = '') => {
    actions.say(`browser: ${choice.why}${extra}`);
    return choice;
  };
  let choice: BrowserChoice | undefined;
  try {
    choice = tryFind(chromiumPath, machine);
  } catch (error) {
    actions.say(isHarnessError(error) ? error.message : String(error));
    return undefined;
  }
  if (choice && (choice.source === 'CHROMIUM_PATH' || choice.source === 'playwright')) return use(choice);
  if (choice && machine.platform === 'linux') {
    // Full Chromium without its headless shell: headless runs (every command, every test) start about
    // twice as fast on the shell, and Debian packages it apart. Best effort: Chromium still works.
    if (choice.source === 'system-chromium' && machine.isRoot && machine.hasCommand('apt-get')) {
      actions.say("found the system's full Chromium; installing Debian's chromium-headless-shell with apt (headless runs start about twice as fast on it)");
      if (actions.aptInstall(['chromium-headless-shell'])) {
        const shell = tryFind(chromiumPath, machine);
        if (shell?.source === 'system-headless-shell') return use(shell, ' (installed with apt)');
      }
    }
    return use(choice, " (the distribution's browser: no download needed)");
  }

  actions.say(choice ? `found ${choice.why.split(',')[0]}; trying Playwright's own Chromium first (the browser Playwright is tested with)` : "no browser yet; trying Playwright's own download");
  if (actions.installPlaywrightChromium()) {
    const installed = tryFind(chromiumPath, machine);
    if (installed) return use(installed);
  }
  if (choice) return use(choice, " (Playwright's download failed)");

  if (machine.platform === 'linux' && machine.isRoot && machine.hasCommand('apt-get')) {
    actions.say("Playwright's download failed; installing Debian's chromium-headless-shell and chromium with apt");
    // The headless shell starts about twice as fast; full chromium is for --headed runs.
    if (actions.aptInstall(['chromium-headless-shell', 'chromium']) || actions.aptInstall(['chromium'])) {
      const installed = tryFind(chromiumPath, machine);
      if (installed) return use(installed, ' (installed with apt)');
    }
  }
  actions.say('could not install a browser. Install one and/or set CHROMIUM_PATH, then run npm run setup again.');
  if (machine.platform === 'linux') actions.say('  Debian/Ubuntu: sudo apt-get install chromium chromium-headless-shell');
  actions.say('  anywhere:      npx playwright install --with-deps chromium   (or install Google Chrome or Microsoft Edge)');
  return undefined;
}

/** promtool and the Pushgateway, only where apt can install them as root; never a reason to fail set-up. */
export function setUpMonitoringTools(machine: SetupMachine, actions: SetupActions): void {
  const missing = Object.entries(MONITORING_PACKAGES).filter(([command]) => !machine.hasCommand(command));
  if (missing.length === 0) return;
  if (machine.platform !== 'linux' || !machine.isRoot || !machine.hasCommand('apt-get')) return;
  const packages = missing.map(([, name]) => name);
  actions.say(`installing ${packages.join(' and ')} with apt (promtool and a Pushgateway for the monitoring tests)`);
  if (!actions.aptInstall(packages)) actions.say(`apt could not install ${packages.join(', ')}; the monitoring tests that need them will be skipped or fail`);
}

function onPath(name: string, machine: Machine): boolean {
  const path = machine.env.PATH ?? machine.env.Path ?? '';
  const extensions = machine.platform === 'win32' ? (machine.env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  return path.split(delimiter).some((dir) => dir && extensions.some((ext) => machine.exists(join(dir, `${name}${ext}`))));
}

function realMachine(): SetupMachine {
  const machine: SetupMachine = {
    ...thisMachine,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasCommand: (name) => onPath(name, machine),
  };
  return machine;
}

const realActions: SetupActions = {
  installPlaywrightChromium() {
    // Playwright's own CLI with this node: no npx, no shell, the same on every platform.
    const cli = join(dirname(createRequire(import.meta.url).resolve('playwright/package.json')), 'cli.js');
    const result = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: ['ignore', process.stderr, 'inherit'], timeout: 300_000 });
    return result.status === 0;
  },
  aptInstall(packages) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args: string[]) => spawnSync('apt-get', args, { stdio: ['ignore', process.stderr, 'inherit'], env, timeout: 600_000 }).status === 0;
    return apt(['update', '-qq']) && apt(['install', '-y', '-qq', ...packages]);
  },
  say: (line) => process.stderr.write(`setup: ${line}\n`),
};

/** The set-up step itself: exit code 0 with a browser, 1 without. */
export async function runSetup(machine: SetupMachine = realMachine(), actions: SetupActions = realActions): Promise<number> {
  let chromiumPath: string | undefined;
  try {
    chromiumPath = loadConfig().chromiumPath;
  } catch (error) {
    // Set-up must not depend on a finished .env; the commands will report its problems.
    actions.say(`note: the configuration has problems (${isHarnessError(error) ? error.message.split('\n')[0] : String(error)}); CHROMIUM_PATH from it is ignored here`);
  }
  const choice = setUpBrowser(chromiumPath, machine, actions);
  setUpMonitoringTools(machine, actions);
  return choice ? 0 : 1;
}
