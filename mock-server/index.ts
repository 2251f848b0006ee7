// The local RayTeams-compatible authorization server. It stands for the remote
// service, so it deliberately imports nothing from lib/.
export type {
  Lang,
  LoginUi,
  MockClient,
  MockFaults,
  MockServer,
  MockServerOptions,
  MockStats,
  MockUser,
  UserMfa,
  UserStatus,
} from './types.js';
export { LOGIN_UIS, USER_MFAS, USER_STATUSES } from './types.js';
export { LANGS } from './i18n.js';
export { DEFAULT_CLIENT, DEFAULT_TOTP_SECRET, DEFAULT_USER } from './defaults.js';
export { FAULT_NAMES, parseFaults } from './faults.js';
export { startMockServer } from './server.js';
