/**
 * A strict reader of the Prometheus text exposition format (0.0.4), enough to prove that what the
 * health check writes is what node_exporter's textfile collector accepts: HELP and TYPE once per
 * metric and before its samples, valid names, quoted and escaped label values, numeric values.
 */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusFamily {
  help: string;
  type: string;
  samples: PrometheusSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?,?\\})? (-?(?:\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|Inf|\\+Inf|NaN))(?: -?\\d+)?$`);
const HELP = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);

export function parsePrometheusText(text: string): Map<string, PrometheusFamily> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families = new Map<string, PrometheusFamily>();
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line)})`;
    const help = HELP.exec(line);
    const type = TYPE.exec(line);
    if (help) {
      const [, name = '', helpText = ''] = help;
      if (families.has(name)) throw new Error(`${where}: HELP for ${name} after its TYPE or samples, or twice`);
      families.set(name, { help: helpText, type: '', samples: [] });
      return;
    }
    if (type) {
      const [, name = '', kind = ''] = type;
      const family = families.get(name) ?? { help: '', type: '', samples: [] };
      if (family.type || family.samples.length > 0) throw new Error(`${where}: TYPE for ${name} twice or after its samples`);
      family.type = kind;
      families.set(name, family);
      return;
    }
    if (line.startsWith('#')) return;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`${where}: not a valid sample line`);
    const [, name = '', labelText, rawValue = ''] = sample;
    const family = families.get(name);
    if (!family?.type) throw new Error(`${where}: sample of ${name} before its TYPE`);
    const labels: Record<string, string> = {};
    for (const match of (labelText ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      const [, labelName = '', value = ''] = match;
      if (labelName in labels) throw new Error(`${where}: label ${labelName} twice`);
      labels[labelName] = value.replace(/\\(["\\n])/g, (_all, c: string) => (c === 'n' ? '\n' : c));
    }
    family.samples.push({ name, labels, value: Number(rawValue.replace(/^\+?Inf$/, 'Infinity').replace(/^-Inf$/, '-Infinity')) });
  });
  return families;
}

/** The one sample of `name` whose labels include `labels`; throws when there is not exactly one. */
export function sampleValue(families: Map<string, PrometheusFamily>, name: string, labels: Record<string, string> = {}): number {
  const matches = (families.get(name)?.samples ?? []).filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (matches.length !== 1) throw new Error(`expected one ${name}${JSON.stringify(labels)} sample, found ${matches.length}`);
  return matches[0]!.value;
}
