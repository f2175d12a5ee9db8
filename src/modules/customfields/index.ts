export { registerCustomFieldRoutes } from './customfields.routes.js';
export { listCustomFields, validateCustomValues, checkCustomValues, parseCustomFilterValue } from './customfields.service.js';
export type { CustomField, CustomFieldEntity, CustomFieldType } from './customfields.schema.js';
