// The local RayTeams-compatible authorization server. It stands for the remote
// service, so it deliberately imports nothing from lib/.
export type { LoginUi, MockClient, MockFaults, MockServer, MockServerOptions, MockUser } from './types.js';
export { DEFAULT_CLIENT, DEFAULT_USER } from './defaults.js';
export { FAULT_NAMES, parseFaults } from './faults.js';
export { startMockServer } from './server.js';
