export { closedLoop, median, openLoop, percentile, type LoadResult } from './load.js';
export { barChart } from './chart.js';
export { machineLine, writeSection } from './report.js';
export { pinToCore } from './cores.js';
