/** A foreign login service as the journey's target: no LOGIN_*_SELECTOR override, the test's own user. */
import type { ConfigWithBaseUrl } from '../../../lib/journey/flow.js';
import { startForeignService, type ForeignService, type ForeignServiceOptions, type ForeignStep } from './server.js';

export interface ForeignTarget {
  config: ConfigWithBaseUrl;
  service: ForeignService;
}

export async function startForeignTarget(base: ConfigWithBaseUrl, steps: ForeignStep[], user: Partial<ConfigWithBaseUrl['user']> = {}, options: ForeignServiceOptions = {}): Promise<ForeignTarget> {
  const service = await startForeignService(steps, options);
  const config: ConfigWithBaseUrl = {
    ...base,
    target: { kind: 'embedded', baseUrl: service.url },
    user: { ...base.user, ...user },
    selectors: { username: undefined, password: undefined, submit: undefined },
  };
  return { config, service };
}

/** How many requests the service received that carried this password, in any field. Never printed. */
export function passwordSubmissions(service: ForeignService, password: string): number {
  return service.posts.filter((post) => [...post.form.values()].includes(password)).length;
}
