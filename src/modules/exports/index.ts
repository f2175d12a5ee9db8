export { csvCell, defuse, tableStream, type CellValue, type Column, type TableOptions } from './tabular.js';
