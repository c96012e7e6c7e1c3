export { metricsJson } from './metrics-json.js';
export { reportHtml, trainingCurves } from './report-html.js';
export type * from './types.js';
export { REPORT_FILES, writeReports } from './write-reports.js';
