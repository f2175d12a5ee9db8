export { registerContactRoutes } from './contacts.routes.js';
export type { Contact } from './contacts.schema.js';
export { fullNameOf as contactFullName, searchTextOf as contactSearchText } from './contacts.mapper.js';
export { registerContactReference, type ContactReference } from './contacts.references.js';
export { normalizePhones as normalizeContactPhones, snapshot as contactSnapshot } from './contacts.mapper.js';
export { createContactRequest } from './contacts.schema.js';
export { readContacts } from './contacts.read.js';
