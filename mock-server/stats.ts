import type { MockStats } from './types.js';

export function emptyStats(): MockStats {
  return {
    passwordChanges: 0,
    deviceEnrolments: 0,
    oneTimeCodesSubmitted: 0,
    oneTimeCodesAccepted: 0,
    oneTimeCodesRepeated: 0,
    oneTimeCodesRefusedAsReused: 0,
    oneTimeCodesRejected: 0,
  };
}
