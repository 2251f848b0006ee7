// Allure 3 report settings for `npm run report` (scripts/report.mjs). History is one JSON line per
// report in allure-history/ (git-ignored); CI keeps that folder in the Actions cache, so the report
// shows trends across runs.
export default {
  name: 'RayTeams login harness',
  output: './allure-report',
  historyPath: './allure-history/history.jsonl',
  historyLimit: 50,
  plugins: {
    awesome: {
      options: {
        // The tree: Playwright project, spec file, describe titles (allure-playwright's labels).
        groupBy: ['parentSuite', 'suite', 'subSuite'],
      },
    },
  },
};
