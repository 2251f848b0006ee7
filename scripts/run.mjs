#!/usr/bin/env node
/**
 * Kept for callers of the old entry: `node scripts/run.mjs get-code` is `rayteams-login get-code`
 * (bin/rayteams-login.mjs), which runs the one build in dist/ and rebuilds it when a source changed.
 */
import '../bin/rayteams-login.mjs';
