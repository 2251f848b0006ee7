/**
 * monitoring/: the Prometheus alert rules are valid (`promtool check rules`) and do what they say
 * (`promtool test rules`), and every query of the rules and the Grafana dashboard names only metrics
 * the health check writes. promtool is required (Debian `prometheus`, installed by npm run setup).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { test, expect } from '../../fixtures/index.js';
import { METRIC_NAMES, renderMetricsFor } from '../../lib/health/metrics.js';
import type { HealthResult } from '../../lib/health/types.js';
import { findExecutable } from './monitoring-tools.js';
import { parsePrometheusText } from './prometheus-text.js';

const RULES = resolve('monitoring/prometheus/login-health.rules.yml');
const RULE_TESTS = resolve('monitoring/prometheus/login-health.rules.test.yml');
const DASHBOARD = resolve('monitoring/grafana/login-health.dashboard.json');

function promtool(args: string[]): { status: number | null; output: string } {
  const binary = findExecutable(['promtool'], 'prometheus');
  const run = spawnSync(binary, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; expr: string }> }>;
}

const metricNamesIn = (expr: string) => [...expr.matchAll(/\b(login_health_[a-z_]+)\b/g)].map((match) => match[1] ?? '');

interface DashboardPanel {
  title: string;
  targets?: Array<{ expr: string }>;
}

function dashboardQueries(): Array<{ where: string; expr: string }> {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: DashboardPanel[]; templating: { list: Array<{ name: string; query: { query: string } }> } };
  return [
    ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr }))),
    ...dashboard.templating.list.map((variable) => ({ where: `variable $${variable.name}`, expr: variable.query.query })),
  ];
}

// @linux-only: npm run setup installs promtool and the Pushgateway with apt (Debian/Ubuntu); elsewhere they are not there.
test.describe('monitoring kit', { tag: '@linux-only' }, () => {
  test('promtool check rules accepts the alert rules', () => {
    const run = promtool(['check', 'rules', RULES]);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('SUCCESS: 6 rules found');
  });

  test('promtool test rules: the rules fire when and only when they should', () => {
    const run = promtool(['test', 'rules', RULE_TESTS]);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('SUCCESS');
  });

  test('the rule tests can fail: a rule with a wrong threshold is caught', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(dir, 'login-health.rules.yml'), readFileSync(RULES, 'utf8').replace('> 1800', '> 3600'));
    writeFileSync(join(dir, 'login-health.rules.test.yml'), readFileSync(RULE_TESTS, 'utf8'));
    const run = promtool(['test', 'rules', join(dir, 'login-health.rules.test.yml')]);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('LoginHealthNoRecentSuccess');
  });

  for (const [change, from, to, alert] of [
    ['LoginHealthFailing on one failed run', '(login_health_consecutive_failures) >= 2', '(login_health_consecutive_failures) >= 1', 'LoginHealthFailing'],
    ['LoginHealthChecksStopped without a margin for a late schedule', '> 3600', '> 1800', 'LoginHealthChecksStopped'],
    ['LoginHealthNoRecentSuccess counted from now instead of from the latest check', 'max by (target) (login_health_last_run_timestamp_seconds)\n          - max', 'time()\n          - max', 'LoginHealthNoRecentSuccess'],
  ] as const) {
    test(`the rule tests catch ${change}`, () => {
      const rules = readFileSync(RULES, 'utf8');
      expect(rules).toContain(from);
      const dir = mkdtempSync(join(tmpdir(), 'rules-'));
      writeFileSync(join(dir, 'login-health.rules.yml'), rules.replace(from, to));
      writeFileSync(join(dir, 'login-health.rules.test.yml'), readFileSync(RULE_TESTS, 'utf8'));
      const run = promtool(['test', 'rules', join(dir, 'login-health.rules.test.yml')]);
      expect(run.status, run.output).not.toBe(0);
      expect(run.output).toContain(alert);
    });
  }

  test('every alert has a runbook_url into docs/health-check.md, at a heading that exists', () => {
    const rules = (parseYaml(readFileSync(RULES, 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; annotations: Record<string, string> }> }> }).groups.flatMap((group) => group.rules);
    const doc = readFileSync(resolve('docs/health-check.md'), 'utf8');
    // GitHub's anchors: the heading in lower case, spaces to "-", punctuation dropped.
    const anchors = new Set([...doc.matchAll(/^#{1,6} (.+)$/gm)].map((m) => (m[1] ?? '').trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));
    for (const rule of rules) {
      const url = rule.annotations.runbook_url ?? '';
      expect(url, rule.alert).toBe(`docs/health-check.md#${rule.alert.toLowerCase()}`);
      expect(anchors.has(rule.alert.toLowerCase()), `docs/health-check.md has a "${rule.alert}" heading`).toBe(true);
    }
  });

  test('the rules cover failing, degraded for a while, no success for 30 minutes and checks stopped, using only metrics the check writes', () => {
    const rules = (parseYaml(readFileSync(RULES, 'utf8')) as RuleFile).groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert)).toEqual(expect.arrayContaining(['LoginHealthFailing', 'LoginHealthDegraded', 'LoginHealthNoRecentSuccess', 'LoginHealthChecksStopped']));
    for (const rule of rules) {
      const names = metricNamesIn(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) expect(METRIC_NAMES, `${rule.alert}: ${name}`).toContain(name);
    }
  });

  test('every dashboard query names metrics the check writes, and each is valid PromQL', () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(5);
    const panelsUse = new Set<string>();
    for (const { where, expr } of queries) {
      const names = metricNamesIn(expr);
      expect(names.length, `${where}: ${expr}`).toBeGreaterThan(0);
      for (const name of names) {
        expect(METRIC_NAMES, `${where}: ${name}`).toContain(name);
        panelsUse.add(name);
      }
    }
    // Status per target, phase durations, failure reasons: what the issue asks the dashboard to show.
    expect([...panelsUse]).toEqual(expect.arrayContaining(['login_health_up', 'login_health_status', 'login_health_phase_duration_seconds', 'login_health_failure_reason']));

    // promtool parses each panel query as a recording rule (Grafana's $target becomes a regex).
    const promql = queries.filter(({ expr }) => !expr.startsWith('label_values('));
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    const file = join(dir, 'dashboard-queries.yml');
    writeFileSync(file, toYaml({ groups: [{ name: 'dashboard', rules: promql.map(({ expr }, index) => ({ record: `dashboard:query_${index}`, expr: expr.replaceAll('$target', '.*') })) }] }));
    const run = promtool(['check', 'rules', file]);
    expect(run.status, run.output).toBe(0);
  });

  test('a run writes every metric the kit may name', () => {
    const result: HealthResult = {
      status: 'healthy',
      reason: undefined,
      message: undefined,
      target: 'kr-dev',
      startedAt: new Date('2025-01-02T03:04:05.000Z'),
      durationMs: 1_500,
      phases: { loginScreenMs: 300, signInMs: 700, tokenExchangeMs: 120, apiMs: 40, totalMs: 1_200 },
      exceeded: [],
      attempts: 1,
      artifacts: [],
    };
    const families = parsePrometheusText(renderMetricsFor([{ kind: 'result', result, lastSuccessAt: result.startedAt, consecutiveFailures: 0 }]));
    expect([...families.keys()].sort()).toEqual([...METRIC_NAMES].sort());
  });
});
