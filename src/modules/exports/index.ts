export { csvCell, defuse, tableStream, type CellValue, type Column, type TableOptions } from './tabular.js';
export { exportHeaders, exportResponses, keysetPages, pickColumns } from './exports.http.js';
export { exportFormats, exportShape, type ExportFormat } from '../../shared/export-query.js';
