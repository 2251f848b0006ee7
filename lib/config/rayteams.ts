/**
 * RayTeams' host names: which regions exist, and how the login service's and the platform API's
 * hosts are built from a region and a stage. Pure functions of their arguments; lib/config/config.ts
 * applies them to the environment.
 */

/** The regions RayTeams documents ("Z.1 Region"); users, data and tokens are isolated per region. */
export const RAYTEAMS_REGIONS = [
  'ap-northeast-1',
  'ap-northeast-2',
  'us-east-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'sa-east-1',
] as const;

export type RayteamsRegion = (typeof RAYTEAMS_REGIONS)[number];

/** The login service of a region's stage: `https://oauth-<region>-<stage>.rayteams.com`. */
export function rayteamsBaseUrl(region: string, stage: string): string {
  return `https://oauth-${region}-${stage}.rayteams.com`;
}

/**
 * RayTeams documents its API host as `https://api-[REGION]-[SCOPE].rayteams[SANDBOX].com/v1.0/` but
 * shows `https://api-ap-northeast-2-project-development.rayteams.com` elsewhere; we follow the
 * example (scope, then stage) and leave the stage out for production. RAYTEAMS_API_URL overrides.
 */
export function rayteamsApiBaseUrl(region: string, stage: string, scope = 'user'): string {
  const suffix = /^(prod|production)$/.test(stage) ? '' : `-${stage}`;
  return `https://api-${region}-${scope}${suffix}.rayteams.com/v1.0/`;
}

const OAUTH_HOST = /^oauth-([a-z]+-[a-z]+-\d)-([a-z][a-z0-9-]*)\.rayteams\.com$/;

/** The user API's base for a login service on a RayTeams host; undefined for any other host. */
export function rayteamsApiBaseUrlFor(loginServiceUrl: string): string | undefined {
  const match = OAUTH_HOST.exec(new URL(loginServiceUrl).hostname);
  return match?.[1] !== undefined && match[2] !== undefined ? rayteamsApiBaseUrl(match[1], match[2]) : undefined;
}
