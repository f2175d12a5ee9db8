export { registerCustomFieldRoutes } from './customfields.routes.js';
export { listCustomFields, validateCustomValues, parseCustomFilterValue } from './customfields.service.js';
export type { CustomField, CustomFieldEntity, CustomFieldType } from './customfields.schema.js';
